/** Resolves a module's imports against defined externs and registered instances, checks their types, and instantiates. */
package org.wasmjar.runtime.link;
