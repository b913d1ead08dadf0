package workspace

import "gloss/internal/workspace/wire"

// The engine worker's messages (see package wire).
type (
	EngineRequest  = wire.EngineRequest
	EngineResponse = wire.EngineResponse
)

// DecodeEngineRequest, DecodeEngineResponse, EncodeBatch, DecodeBatch and
// SplitBatch are package wire's.
var (
	DecodeEngineRequest  = wire.DecodeEngineRequest
	DecodeEngineResponse = wire.DecodeEngineResponse
	EncodeBatch          = wire.EncodeBatch
	DecodeBatch          = wire.DecodeBatch
	SplitBatch           = wire.SplitBatch
)
