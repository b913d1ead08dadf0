// Package annot is Gloss's domain: the versioned annotation-set format that is
// saved and shared (articles, automatic entities, manual annotations and
// notes, the label set and the open view), its strict decoder and validator,
// the error codes every layer speaks, and the SetStore contract that storage
// implements.
//
// Offsets in this package are Unicode code points, end exclusive, because the
// set format is external; the engine's byte offsets are converted before they
// get here. The package imports the standard library only and is built into
// the browser's wasm, so it must stay small and free of server code.
package annot
