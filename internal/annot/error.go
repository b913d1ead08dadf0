package annot

import (
	"errors"
	"fmt"
)

// Error codes. They are stable strings because they cross the wire in the
// HTTP error body and the UI switches on them.
const (
	EINVALID   = "invalid"   // the input breaks the schema or a limit
	ENOTFOUND  = "not_found" // no set has this id
	EGONE      = "gone"      // the set existed and was deleted by its owner
	ECONFLICT  = "conflict"  // the id is already taken
	EFORBIDDEN = "forbidden" // wrong delete token
	ETOOLARGE  = "too_large" // the request body is over the limit
	ERATELIMIT = "rate_limited"
	EINTERNAL  = "internal"
)

// Error is a domain error: a code for programs, a message for people and,
// for input errors, the path of the offending field (e.g.
// "articles[0].entities[3].start"; empty when the error is about the whole
// document).
type Error struct {
	Code    string
	Field   string
	Message string
}

func (e *Error) Error() string {
	if e.Field != "" {
		return fmt.Sprintf("annot %s: %s: %s", e.Code, e.Field, e.Message)
	}
	return fmt.Sprintf("annot %s: %s", e.Code, e.Message)
}

// Errorf returns an *Error with code and a formatted message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// FieldErrorf returns an EINVALID *Error that names field.
func FieldErrorf(field, format string, args ...any) *Error {
	return &Error{Code: EINVALID, Field: field, Message: fmt.Sprintf(format, args...)}
}

// ErrorCode returns the code of the first *Error in err's chain, EINTERNAL for
// any other non-nil error and "" for nil.
func ErrorCode(err error) string {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return EINTERNAL
}

// ErrorMessage returns the human message of an *Error, or a generic text for
// other errors so internal details are never shown to users.
func ErrorMessage(err error) string {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Message
	}
	return "Internal error."
}

// ErrorField returns the field an *Error names, or "".
func ErrorField(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Field
	}
	return ""
}
