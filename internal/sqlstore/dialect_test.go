package sqlstore

import "testing"

func TestRebind(t *testing.T) {
	for _, tt := range []struct {
		name string
		d    Dialect
		in   string
		want string
	}{
		{"sqlite keeps ?", SQLite, "SELECT a FROM t WHERE b = ? AND c = ?", "SELECT a FROM t WHERE b = ? AND c = ?"},
		{"postgres numbers", Postgres, "SELECT a FROM t WHERE b = ? AND c = ?", "SELECT a FROM t WHERE b = $1 AND c = $2"},
		{"no placeholders", Postgres, "SELECT 1", "SELECT 1"},
		{"ten", Postgres, "??????????", "$1$2$3$4$5$6$7$8$9$10"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.d.Rebind(tt.in); got != tt.want {
				t.Errorf("Rebind(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestExpand(t *testing.T) {
	for _, tt := range []struct {
		name    string
		d       Dialect
		in      string
		want    string
		wantErr bool
	}{
		{"sqlite blob", SQLite, "x {{BYTES}}", "x BLOB", false},
		{"postgres bytea", Postgres, "x {{BYTES}}", "x BYTEA", false},
		{"unknown", SQLite, "x {{JSON}}", "", true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.d.expand(tt.in)
			if (err != nil) != tt.wantErr || got != tt.want {
				t.Errorf("expand(%q) = %q, %v; want %q, error %v", tt.in, got, err, tt.want, tt.wantErr)
			}
		})
	}
}
