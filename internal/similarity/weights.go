package similarity

// Placeholder until cmd/simeval -train writes the fitted weights.
var (
	STSModel  = Linear{W: [NumFeatures]float64{0, 5}}
	ParaModel = Linear{W: [NumFeatures]float64{-0.5, 1}}
)
