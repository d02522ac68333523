package org.wasmjar.runtime.types;

/** How an element or data segment is used. */
public enum SegmentMode { ACTIVE, PASSIVE, DECLARATIVE }
