/** Whole-system tests: the official spec suite and the command line, run as a user would. */
package org.wasmjar.tests;
