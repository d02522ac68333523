/**
 * Declaring hostcall sets: a named group of host functions ({@link org.wasmjar.hostcalls.api.HostcallSet}), a
 * builder that turns plain Java methods into typed {@link org.wasmjar.runtime.api.HostFunction}s
 * ({@link org.wasmjar.hostcalls.api.HostModule}), what a host function may do with its calling instance - memory and
 * function table, bounds- and type-checked ({@link org.wasmjar.hostcalls.api.Caller}) - and the
 * {@link java.util.ServiceLoader} registry that finds sets by name, in wasmjar's jars or a user's
 * ({@link org.wasmjar.hostcalls.api.HostcallSets}).
 */
package org.wasmjar.hostcalls.api;
