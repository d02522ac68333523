/**
 * The {@code edge} hostcall set: the Terrarium seed's HTTP hostcalls (module {@code env}). A guest handles one
 * request per instance: it reads the request, sets the response, and keeps data in a key-value store that outlives
 * the instance. Data the host hands over lives in blocks from the guest's own {@code malloc}, called by table index
 * ({@link org.wasmjar.hostcalls.edge.Edge}); the guest frees them with its own {@code free}.
 */
package org.wasmjar.hostcalls.edge;
