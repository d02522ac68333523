/**
 * Declaring hostcall sets: a named group of host functions ({@link org.wasmjar.hostcalls.api.HostcallSet}), a
 * builder that turns plain Java methods into typed {@link org.wasmjar.runtime.api.HostFunction}s
 * ({@link org.wasmjar.hostcalls.api.HostModule}), and the {@link java.util.ServiceLoader} registry that finds sets by
 * name ({@link org.wasmjar.hostcalls.api.HostcallSets}).
 */
package org.wasmjar.hostcalls.api;
