// Package interchange speaks the formats other annotation and NLP tools use,
// so a Gloss workspace can leave Gloss and come back: W3C Web Annotation
// (JSON-LD), CoNLL IOB2, spaCy's training JSON, CSV, and a standalone HTML
// report. It works on annot.Set, whose offsets are Unicode code points; each
// format's own unit is converted here and nowhere else.
package interchange
