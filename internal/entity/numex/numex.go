// Package numex finds numeric expressions in tokenized news text with
// rules: DATE (dates, times of day, durations, ages), MONEY, PERCENT and
// CARDINAL, following OntoNotes 5.0 conventions as refined by gloss-dev:
// words that only bound or approximate a number ("at least", "about",
// "up to") stay outside; ranges written with one currency are one span;
// measurements, ordinals and numbers inside names are not CARDINAL.
package numex

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"gloss/internal/token"
)

// Span is a numeric expression over byte offsets.
type Span struct {
	Start, End int
	Label      string
}

// Find returns the numeric expressions of text, in order, not overlapping.
func Find(text string, toks []token.Token, sents []token.Range) []Span {
	var out []Span
	var s sent
	for _, r := range sents {
		if r.Start < 0 || r.End > len(toks) || r.Start >= r.End {
			continue
		}
		s.reset(text, toks[r.Start:r.End])
		out = s.find(out)
	}
	return out
}

// sent is one sentence being scanned.
type sent struct {
	text  string
	toks  []token.Token
	w     []string // token texts
	lower []string
	at    [][2]int // per token: its lower-case form's bounds in the sentence's buffer, or -1
}

func (s *sent) reset(text string, toks []token.Token) {
	s.text, s.toks = text, toks
	s.w, s.lower = s.w[:0], s.lower[:0]
	// The lower-case forms that differ from the text are written into one
	// string per sentence and sliced from it: one allocation per sentence
	// rather than one per capitalised word.
	var sb strings.Builder
	s.at = s.at[:0]
	for _, t := range toks {
		w := text[t.Start:t.End]
		s.w = append(s.w, w)
		if !needsLower(w) {
			s.at = append(s.at, [2]int{-1, -1})
			continue
		}
		if sb.Cap() == 0 {
			sb.Grow(toks[len(toks)-1].End - t.Start + 16)
		}
		a := sb.Len()
		if isASCII(w) {
			for i := 0; i < len(w); i++ {
				c := w[i]
				if c >= 'A' && c <= 'Z' {
					c += 'a' - 'A'
				}
				sb.WriteByte(c)
			}
		} else {
			sb.WriteString(lower(w))
		}
		s.at = append(s.at, [2]int{a, sb.Len()})
	}
	all := sb.String()
	for i, w := range s.w {
		if r := s.at[i]; r[0] >= 0 {
			w = all[r[0]:r[1]]
		}
		s.lower = append(s.lower, w)
	}
}

// needsLower reports whether lower(w) may differ from w.
func needsLower(w string) bool {
	for i := 0; i < len(w); i++ {
		if c := w[i]; c >= utf8.RuneSelf || c >= 'A' && c <= 'Z' {
			return true
		}
	}
	return false
}

func isASCII(w string) bool {
	for i := 0; i < len(w); i++ {
		if w[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

func lower(w string) string {
	if !needsLower(w) {
		return w
	}
	return strings.ToLower(strings.ReplaceAll(w, "\u2019", "'"))
}

func (s *sent) lw(i int) string {
	if i < 0 || i >= len(s.lower) {
		return ""
	}
	return s.lower[i]
}

func (s *sent) span(a, b int, label string) Span {
	return Span{s.toks[a].Start, s.toks[b-1].End, label}
}

// trigger reports whether any rule can start at token i: a digit, a
// symbol (currency), or one of the words rules begin with. Most tokens are
// rejected here with one lookup.
func (s *sent) trigger(i int) bool {
	w := s.lower[i]
	if w == "" {
		return false
	}
	c := w[0]
	if c >= '0' && c <= '9' {
		return true
	}
	if c < 'a' || c > 'z' {
		return c >= utf8.RuneSelf && !unicode.IsLetter(firstRune(w)) || c == '$' || c == '\''
	}
	if trigShape[c-'a']&lenBit(len(w)) != 0 && triggers[w] {
		return true
	}
	return strings.IndexByte(w, '-') > 0 || strings.HasSuffix(w, "$")
}

// trigShape[first letter] has bit lenBit(len(w)) set for every trigger
// word w starting with a letter: most words fail this test and skip the
// map lookup (this runs on every token).
var trigShape [26]uint32

func lenBit(n int) uint32 { return 1 << min(n, 31) }

func firstRune(w string) rune {
	r, _ := utf8.DecodeRuneInString(w)
	return r
}

var triggers = map[string]bool{}

func init() {
	for _, m := range []map[string]bool{months, weekdays, dateWords, currencySymbols, magnitudes} {
		for w := range m {
			triggers[w] = true
		}
	}
	for w := range units {
		triggers[w] = true
	}
	for _, w := range strings.Fields("the a an this last next past coming recent all") {
		triggers[w] = true
	}
	for w := range triggers {
		if w != "" && w[0] >= 'a' && w[0] <= 'z' {
			trigShape[w[0]-'a'] |= lenBit(len(w))
		}
	}
}

func (s *sent) find(out []Span) []Span {
	n := len(s.toks)
	for i := 0; i < n; {
		if !s.trigger(i) {
			i++
			continue
		}
		if e, lab := s.match(i); e > i {
			out = append(out, s.span(i, e, lab))
			i = e
			continue
		}
		i++
	}
	return out
}

// match tries every rule at token i and returns the end and label of the
// longest match, preferring MONEY, PERCENT, DATE, CARDINAL on ties.
func (s *sent) match(i int) (int, string) {
	best, lab := i, ""
	try := func(e int, l string) {
		if e > best {
			best, lab = e, l
		}
	}
	try(s.money(i), "MONEY")
	try(s.percent(i), "PERCENT")
	try(s.date(i), "DATE")
	if lab == "" {
		try(s.cardinal(i), "CARDINAL")
	}
	return best, lab
}

// ---- numbers ----

var units = map[string]int{
	"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
	"ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
	"seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
	"sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "dozen": 12,
}

var magnitudes = map[string]bool{
	"hundred": true, "thousand": true, "million": true, "billion": true, "trillion": true,
	"bn": true, "mn": true, "m": true, "k": true, "tn": true, "crore": true, "lakh": true,
}

// isDigitNum reports a token written with digits: "41", "1,000", "3.5",
// "38,410.52", "3.5bn", "310m", "18-18.5".
func isDigitNum(w string) bool {
	if w == "" || w[0] < '0' || w[0] > '9' {
		return false
	}
	i := 0
	for i < len(w) && (w[i] >= '0' && w[i] <= '9' || w[i] == ',' || w[i] == '.') {
		i++
	}
	rest := w[i:]
	switch rest {
	case "", "bn", "m", "mn", "k", "tn", "b", "M", "B", "K":
		return true
	}
	if rest[0] == '-' || strings.HasPrefix(rest, "\u2013") { // range "18-18.5"
		_, r2, _ := strings.Cut(strings.Replace(rest, "\u2013", "-", 1), "-")
		return isDigitNum(r2)
	}
	return false
}

func isWordNum(lw string) bool {
	if _, ok := units[lw]; ok {
		return true
	}
	// hyphenated: "twenty-five"
	if a, b, ok := strings.Cut(lw, "-"); ok {
		_, ok1 := units[a]
		_, ok2 := units[b]
		return ok1 && ok2
	}
	return false
}

// number matches a cardinal number phrase at i: digits or number words,
// followed by magnitude words ("1.2 million", "two hundred thousand").
func (s *sent) number(i int) int {
	n := len(s.toks)
	if i >= n {
		return i
	}
	lw := s.lower[i]
	j := i
	switch {
	case isDigitNum(lw):
		j = i + 1
	case isWordNum(lw):
		j = i + 1
		for j < n && (isWordNum(s.lower[j]) || s.lower[j] == "and" && j+1 < n && isWordNum(s.lower[j+1])) {
			j++
		}
	case lw == "a" && i+1 < n && (s.lower[i+1] == "million" || s.lower[i+1] == "billion" || s.lower[i+1] == "trillion" || s.lower[i+1] == "thousand" || s.lower[i+1] == "hundred"):
		j = i + 1
	default:
		return i
	}
	for j < n && magnitudes[s.lower[j]] && !(s.lower[j] == "m" && s.w[j] == "m" && j > i && !isDigitNum(s.lower[j-1])) {
		j++
	}
	return j
}

func (s *sent) isNumberStart(i int) bool { return s.number(i) > i }

// ---- MONEY ----

var currencySymbols = map[string]bool{
	"$": true, "€": true, "£": true, "¥": true, "₹": true, "₩": true, "₽": true, "₺": true, "₪": true, "₦": true, "฿": true, "₱": true, "₫": true, "¢": true,
	"us$": true, "hk$": true, "a$": true, "au$": true, "c$": true, "ca$": true, "nz$": true, "s$": true, "sg$": true, "nt$": true, "r$": true, "mex$": true,
	"usd": true, "eur": true, "gbp": true, "jpy": true, "cny": true, "rmb": true, "chf": true, "inr": true, "aud": true, "cad": true, "hkd": true, "rub": true, "sek": true, "nok": true, "dkk": true, "krw": true, "brl": true, "zar": true, "sgd": true, "nzd": true, "try": false, "mxn": true,
}

var currencyWords = map[string]bool{
	"dollar": true, "dollars": true, "euro": true, "euros": true, "pound": true, "pounds": true, "sterling": true, "yen": true, "yuan": true, "renminbi": true,
	"ruble": true, "rubles": true, "rouble": true, "roubles": true, "rupee": true, "rupees": true, "franc": true, "francs": true, "peso": true, "pesos": true,
	"won": false, "cent": true, "cents": true, "pence": true, "penny": true, "reais": true, "real": false, "rand": true, "dinar": true, "dinars": true,
	"riyal": true, "riyals": true, "rial": true, "rials": true, "shekel": true, "shekels": true, "kronor": true, "krona": true, "kroner": true, "krone": true,
	"lira": true, "liras": true, "baht": true, "ringgit": true, "naira": true, "shilling": true, "shillings": true, "dirham": true, "dirhams": true,
	"zloty": true, "forint": true, "hryvnia": true, "hryvnias": true, "bitcoin": true, "bitcoins": true,
}

func isCurrency(lw string) bool { return currencySymbols[lw] }

func (s *sent) money(i int) int {
	if i < 0 || i >= len(s.toks) {
		return i
	}
	n := len(s.toks)
	lw := s.lower[i]
	if isCurrency(lw) {
		j := i + 1
		if j < n && s.toks[j].Start == s.toks[i].End || j < n && (lw == "us$" || len(lw) == 3) {
			if e := s.number(j); e > j && isDigitNum(s.lower[j]) {
				// "$3 to $5" stays two spans; "€18-18.5 billion" is one token
				if e < n && (s.lower[e] == "dollars" || s.lower[e] == "dollar") {
					e++
				}
				return e
			}
		}
		return i
	}
	if e := s.number(i); e > i {
		if e < n && currencyWords[s.lower[e]] {
			// "12.4 billion rubles", "50 cents", "3 euros"
			if s.lower[e] == "pound" || s.lower[e] == "pounds" {
				if e+1 < n && (s.lower[e+1] == "of") {
					return i // "two pounds of sugar"
				}
			}
			return e + 1
		}
		if e < n && isCurrency(s.lower[e]) && len(s.lower[e]) == 3 {
			return e + 1 // "5 million euros" style with code: "5m EUR"
		}
	}
	return i
}

// ---- PERCENT ----

func (s *sent) percent(i int) int {
	if i < 0 || i >= len(s.toks) {
		return i
	}
	n := len(s.toks)
	e := s.number(i)
	if e == i || !(isDigitNum(s.lower[i]) || isWordNum(s.lower[i])) {
		return i
	}
	if e < n {
		switch s.lower[e] {
		case "%", "percent", "pct", "pc":
			return e + 1
		case "per":
			if e+1 < n && s.lower[e+1] == "cent" {
				return e + 2
			}
		case "percentage":
			if e+1 < n && (s.lower[e+1] == "point" || s.lower[e+1] == "points") {
				return e + 2
			}
		}
	}
	return i
}

// ---- CARDINAL ----

var measureUnits = map[string]bool{
	"km": true, "kilometres": true, "kilometers": true, "kilometre": true, "kilometer": true, "metres": true, "meters": true, "metre": true, "meter": true,
	"miles": true, "mile": true, "kg": true, "kilograms": true, "kilogram": true, "tonnes": true, "tons": true, "tonne": true, "ton": true, "degrees": true,
	"cubic": true, "square": true, "mph": true, "km/h": true, "hectares": true, "acres": true, "feet": true, "foot": true, "inches": true, "inch": true,
	"litres": true, "liters": true, "gallons": true, "cm": true, "mm": true, "centimetres": true, "millimetres": true, "grams": true, "mg": true, "lb": true,
	"lbs": true, "pounds-weight": true, "yards": true, "ft": true, "°c": true, "°f": true, "°": true, "nautical": true, "knots": true, "gw": true, "mw": true,
	"kw": true, "kwh": true, "mwh": true, "gwh": true, "barrels": true, "bpd": true, "megawatts": true, "gigawatts": true, "kilowatts": true, "watts": true,
	"ounces": true, "oz": true, "storeys": true, "stories": false, "nanometre": true, "nanometres": true, "nm": true, "m2": true, "sq": true,
}

func (s *sent) cardinal(i int) int {
	if i < 0 || i >= len(s.toks) {
		return i
	}
	n := len(s.toks)
	lw := s.lower[i]
	if lw == "a" {
		return i
	}
	e := s.number(i)
	if e == i {
		return i
	}
	// "No one", "one of those days"... keep "one" only when it counts something
	if lw == "one" {
		if i > 0 && (s.lower[i-1] == "no" || s.lower[i-1] == "any" || s.lower[i-1] == "every" || s.lower[i-1] == "some" || s.lower[i-1] == "this" || s.lower[i-1] == "that") {
			return i
		}
		if e < n && (s.lower[e] == "another" || s.lower[e] == "'s" || s.lower[e] == "who" || s.lower[e] == "that") {
			return i
		}
	}
	if e < n && measureUnits[s.lower[e]] {
		return i
	}
	if lw == "zero" && i > 0 && s.lower[i-1] == "net" {
		return i
	}
	// glued units: "3-nanometre", "25km"
	if isDigitNum(lw) == false && strings.Contains(lw, "-") && !isWordNum(lw) {
		return i
	}
	return e
}

// ---- DATE ----

var months = map[string]bool{
	"january": true, "february": true, "march": true, "april": true, "may": true, "june": true, "july": true, "august": true,
	"september": true, "october": true, "november": true, "december": true,
	"jan.": true, "feb.": true, "mar.": true, "apr.": true, "jun.": true, "jul.": true, "aug.": true, "sep.": true, "sept.": true,
	"oct.": true, "nov.": true, "dec.": true,
}

var weekdays = map[string]bool{
	"monday": true, "tuesday": true, "wednesday": true, "thursday": true, "friday": true, "saturday": true, "sunday": true,
}

var dayParts = map[string]bool{"morning": true, "afternoon": true, "evening": true, "night": true, "overnight": false}

var timeUnits = map[string]bool{
	"second": true, "seconds": true, "minute": true, "minutes": true, "hour": true, "hours": true, "day": true, "days": true,
	"week": true, "weeks": true, "weekend": true, "weekends": true, "month": true, "months": true, "year": true, "years": true,
	"decade": true, "decades": true, "century": true, "centuries": true, "quarter": true, "quarters": true, "season": true,
	"seasons": true, "fortnight": true, "semester": true,
}

var periodNouns = map[string]bool{
	"week": true, "month": true, "year": true, "season": true, "quarter": true, "decade": true, "century": true, "weekend": true,
	"spring": true, "summer": true, "autumn": true, "fall": true, "winter": true, "morning": true, "afternoon": true, "evening": true,
	"night": true, "time": false,
}

var dateWords = map[string]bool{
	"today": true, "yesterday": true, "tomorrow": true, "tonight": true, "dawn": true, "midnight": true, "noon": true, "midday": true, "dusk": true,
}

var ordinals = map[string]bool{"first": true, "second": true, "third": true, "fourth": true, "last": true, "final": true}

func isYear(w string) bool {
	if len(w) != 4 {
		return false
	}
	for i := 0; i < 4; i++ {
		if w[i] < '0' || w[i] > '9' {
			return false
		}
	}
	return w >= "1800" && w <= "2100"
}

func isDecade(w string) bool {
	// "1980s", "'90s", "90s"
	w = strings.TrimPrefix(w, "'")
	if !strings.HasSuffix(w, "s") {
		return false
	}
	d := w[:len(w)-1]
	if len(d) != 4 && len(d) != 2 {
		return false
	}
	for i := 0; i < len(d); i++ {
		if d[i] < '0' || d[i] > '9' {
			return false
		}
	}
	return d[len(d)-1] == '0'
}

func isSmallInt(w string, max int) (int, bool) {
	if w == "" || len(w) > 3 {
		return 0, false
	}
	v := 0
	for i := 0; i < len(w); i++ {
		if w[i] < '0' || w[i] > '9' {
			return 0, false
		}
		v = v*10 + int(w[i]-'0')
	}
	return v, v <= max
}

// compoundDate matches one-token dates: "19-year-old", "three-year",
// "third-quarter", "first-half", "1996-08-22".
func compoundDate(lw string) bool {
	if strings.IndexByte(lw, '-') < 0 && !strings.Contains(lw, "\u2013") {
		return false
	}
	parts := strings.Split(strings.ReplaceAll(lw, "\u2013", "-"), "-")
	if len(parts) < 2 {
		return false
	}
	last := parts[len(parts)-1]
	if last == "old" && len(parts) >= 3 && timeUnits[parts[len(parts)-2]] {
		return true
	}
	if (timeUnits[last] || last == "half") && (isWordNum(parts[0]) || isDigitNum(parts[0]) || ordinals[parts[0]]) && len(parts) == 2 {
		return true
	}
	// "mid-2020", "early-1990s"
	if len(parts) == 2 && (parts[0] == "mid" || parts[0] == "early" || parts[0] == "late") && (isYear(parts[1]) || isDecade(parts[1])) {
		return true
	}
	// ISO dates
	if len(parts) == 3 && isYear(parts[0]) {
		_, ok1 := isSmallInt(parts[1], 12)
		_, ok2 := isSmallInt(parts[2], 31)
		return ok1 && ok2
	}
	return false
}

func (s *sent) isMonth(i int) bool {
	if i >= len(s.toks) || !months[s.lower[i]] {
		return false
	}
	// "May" is also a name and a verb: a month only with a date context or
	// after a preposition
	if s.lower[i] == "may" {
		if s.w[i] != "May" {
			return false
		}
		prev := s.lw(i - 1)
		next := s.lw(i + 1)
		if _, ok := isSmallInt(next, 31); ok || isYear(next) {
			return true
		}
		switch prev {
		case "in", "by", "since", "until", "till", "of", "early", "late", "mid", "last", "next", "this", "before", "after", "from", "through", "during":
			return !(len(next) > 0 && unicode.IsUpper(rune(s.w[i+1][0])))
		}
		return false
	}
	if s.lower[i] == "march" && s.w[i] == "march" {
		return false
	}
	return unicode.IsUpper(rune(s.w[i][0]))
}

func (s *sent) date(i int) int {
	if i < 0 || i >= len(s.toks) {
		return i
	}
	n := len(s.toks)
	lw := s.lower[i]
	best := i
	set := func(e int) {
		if e > best {
			best = e
		}
	}
	// month [day] [, year] | month year
	if s.isMonth(i) {
		e := i + 1
		if _, ok := isSmallInt(s.lw(e), 31); ok && e < n {
			e++
			if s.lw(e) == "," && isYear(s.lw(e+1)) {
				e += 2
			} else if isYear(s.lw(e)) {
				e++
			}
		} else if isYear(s.lw(e)) {
			e++
		}
		set(e)
	}
	// day month [year]: "1 October 2024"
	if _, ok := isSmallInt(lw, 31); ok && s.isMonth(i+1) {
		e := i + 2
		if isYear(s.lw(e)) {
			e++
		}
		set(e)
	}
	// weekday [part of day]
	if weekdays[lw] {
		e := i + 1
		if dayParts[s.lw(e)] {
			e++
		}
		set(e)
	}
	if dateWords[lw] {
		set(i + 1)
	}
	// ages: "Lehtonen, 38, said", "aged 38"
	if v, ok := isSmallInt(lw, 120); ok && v > 0 && i >= 2 {
		nx := s.lw(i + 1)
		if s.lower[i-1] == "," && isCapitalized(s.w[i-2]) && (nx == "," || nx == "." || nx == ";") {
			set(i + 1)
		}
	}
	if _, ok := isSmallInt(lw, 120); ok && i >= 1 && s.lower[i-1] == "aged" {
		set(i + 1)
	}
	// "He's 19,", "I was nine." — a person's age after a pronoun and "be"
	if v, ok := s.smallNumber(i, 120); ok && v > 0 && i >= 2 {
		be, who := s.lower[i-1], s.lower[i-2]
		nx := s.lw(i + 1)
		if (be == "'s" || be == "was" || be == "is" || be == "am" || be == "'m") &&
			(who == "he" || who == "she" || who == "i") && (nx == "," || nx == "." || nx == ";" || nx == "") {
			set(i + 1)
		}
	}
	if isYear(lw) && !(i+1 < n && (measureUnits[s.lower[i+1]] || currencyWords[s.lower[i+1]])) && !(i > 0 && isCurrency(s.lower[i-1])) {
		set(i + 1)
	}
	if isDecade(lw) {
		set(i + 1)
	}
	// seasons written "2020/21" or "2020/2021"
	if a, b, ok := strings.Cut(lw, "/"); ok && isYear(a) && (len(b) == 2 || isYear(b)) && allDigits(b) {
		set(i + 1)
	}
	// glued clock times: "11.30pm", "3pm", "10am"
	if clockGlued(lw) {
		set(i + 1)
	}
	if compoundDate(lw) {
		set(i + 1)
	}
	// clock times: "10:30", "10:30 a.m.", "3 p.m."
	if strings.Contains(lw, ":") && lw[0] >= '0' && lw[0] <= '9' {
		e := i + 1
		if isAmPm(s.lw(e)) {
			e++
		}
		set(e)
	} else if _, ok := isSmallInt(lw, 12); ok && isAmPm(s.lw(i+1)) {
		set(i + 2)
	}
	// this/last/next/every + period: "last week", "next spring", "this season"
	switch lw {
	case "this", "last", "next", "past", "coming":
		if periodNouns[s.lw(i+1)] || weekdays[s.lw(i+1)] || s.isMonth(i+1) {
			if !(lw == "this" && (s.lw(i+1) == "time")) {
				set(i + 2)
			}
		}
	case "recent":
		if s.lw(i+1) == "years" || s.lw(i+1) == "months" || s.lw(i+1) == "weeks" || s.lw(i+1) == "days" {
			set(i + 2)
		}
	case "all":
		if s.lw(i+1) == "night" || s.lw(i+1) == "day" {
			set(i + 2)
		}
	case "the":
		set(s.theDate(i))
	}
	// durations: "three hours", "two years ago", "a year earlier"
	if e := s.duration(i); e > i {
		set(e)
	}
	return best
}

func isAmPm(w string) bool {
	switch w {
	case "a.m.", "p.m.", "am", "pm", "a.m", "p.m":
		return true
	}
	return false
}

// duration matches NUMBER UNIT [ago|earlier|later|old].
func (s *sent) duration(i int) int {
	if i < 0 || i >= len(s.toks) {
		return i
	}
	n := len(s.toks)
	var e int
	if s.lower[i] == "a" || s.lower[i] == "an" {
		e = i + 1
	} else {
		e = s.number(i)
		if e == i {
			return i
		}
		if s.lower[i] == "one" && i > 0 && s.lower[i-1] == "no" {
			return i
		}
	}
	if e >= n || !timeUnits[s.lower[e]] {
		return i
	}
	e++
	if e < n {
		switch s.lower[e] {
		case "ago", "earlier", "later", "old":
			e++
		}
	}
	if s.lower[i] == "a" || s.lower[i] == "an" {
		// bare "a week" is a duration only with a time adverb, or in
		// "for a week"
		if !(e-i == 3 || i > 0 && (s.lower[i-1] == "for" || s.lower[i-1] == "within" || s.lower[i-1] == "in")) {
			return i
		}
	}
	return e
}

// theDate matches dates that start with "the": "the 1980s", "the next 18
// months", "the end of June", "the first half of 2025", "the six months to
// September".
func (s *sent) theDate(i int) int {
	if i < 0 || i >= len(s.toks) {
		return i
	}
	n := len(s.toks)
	j := i + 1
	if j >= n {
		return i
	}
	lw := s.lower[j]
	if isDecade(lw) {
		return j + 1
	}
	if lw == "next" || lw == "past" || lw == "last" || lw == "previous" || lw == "coming" {
		if e := s.duration(j + 1); e > j+1 {
			return e
		}
		if timeUnits[s.lw(j+1)] && s.lw(j+1) != "second" {
			return j + 2
		}
	}
	// the end/start/beginning/middle of X
	if (lw == "end" || lw == "start" || lw == "beginning" || lw == "middle") && s.lw(j+1) == "of" {
		if e := s.date(j + 2); e > j+2 {
			return e
		}
		if s.lw(j+2) == "the" && (s.lw(j+3) == "year" || s.lw(j+3) == "month" || s.lw(j+3) == "week" || s.lw(j+3) == "season" || s.lw(j+3) == "decade") {
			return j + 4
		}
	}
	// the first half of 2025 / the third quarter
	if ordinals[lw] && (s.lw(j+1) == "half" || s.lw(j+1) == "quarter") {
		e := j + 2
		if s.lw(e) == "of" {
			if d := s.date(e + 1); d > e+1 {
				return d
			}
		}
		return e
	}
	// the year to March / the quarter ended June 30
	if periodNouns[lw] && (s.lw(j+1) == "to" || s.lw(j+1) == "ended" || s.lw(j+1) == "ending" || s.lw(j+1) == "through") {
		if d := s.date(j + 2); d > j+2 {
			return d
		}
	}
	// the six months to September / the 13 weeks to November 1
	if e := s.number(j); e > j && e < n && timeUnits[s.lower[e]] {
		e++
		if (s.lw(e) == "to" || s.lw(e) == "through" || s.lw(e) == "ended" || s.lw(e) == "ending") && e+1 < n {
			if d := s.date(e + 1); d > e+1 {
				return d
			}
		}
	}
	return i
}

// smallNumber reads an integer written in digits or as one number word.
func (s *sent) smallNumber(i, max int) (int, bool) {
	if v, ok := isSmallInt(s.lower[i], max); ok {
		return v, true
	}
	v, ok := units[s.lower[i]]
	return v, ok && v <= max
}

func isCapitalized(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(r)
}

func allDigits(w string) bool {
	for i := 0; i < len(w); i++ {
		if w[i] < '0' || w[i] > '9' {
			return false
		}
	}
	return w != ""
}

// clockGlued matches "11.30pm", "3pm", "10:15am".
func clockGlued(w string) bool {
	var rest string
	switch {
	case strings.HasSuffix(w, "am"), strings.HasSuffix(w, "pm"):
		rest = w[:len(w)-2]
	case strings.HasSuffix(w, "a.m."), strings.HasSuffix(w, "p.m."):
		rest = w[:len(w)-4]
	default:
		return false
	}
	h, m, hasMin := strings.Cut(strings.Replace(rest, ":", ".", 1), ".")
	if v, ok := isSmallInt(h, 12); !ok || v == 0 && h != "0" || len(h) == 0 {
		return false
	}
	return !hasMin || len(m) == 2 && allDigits(m)
}
