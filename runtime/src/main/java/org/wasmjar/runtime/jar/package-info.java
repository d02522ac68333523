/**
 * Module jars, the loadable form of a compiled module: the layout and loading from a file or the class path
 * ({@link org.wasmjar.runtime.jar.ModuleJar}), the descriptor and its binary format
 * ({@link org.wasmjar.runtime.jar.ModuleDescriptor}, {@link org.wasmjar.runtime.jar.DescriptorCodec}) and the
 * exported function table ({@link org.wasmjar.runtime.jar.FunctionTable}).
 */
package org.wasmjar.runtime.jar;
