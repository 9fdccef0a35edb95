package main

import (
	"io"
	"os"
	"strings"
	"testing"
)

// TestQuickstart runs the example and checks that it printed every section.
func TestQuickstart(t *testing.T) {
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout := os.Stdout
	os.Stdout = w
	main()
	os.Stdout = stdout
	w.Close()
	out, _ := io.ReadAll(r)
	for _, want := range []string{"Gumbel-max freq", "Categorical freq", "soft sample tau=0.1", "hard sample", "ExpConcrete log p", "ST dLoss/dlogits", "relaxed Bernoulli", "tau(step 50000) = 0.5000"} {
		if !strings.Contains(string(out), want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(string(out), "NaN") {
		t.Errorf("output contains NaN:\n%s", out)
	}
}
