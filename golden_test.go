// Copyright 2026 The gumbel Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package gumbel

import (
	"encoding/json"
	"flag"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

var update = flag.Bool("update", false, "rewrite testdata/golden.json from the current implementation")

// goldenStreams draws a fixed sequence of every random operation from fixed
// seeds of both math/rand/v2 generators. The numbers are pinned in
// testdata/golden.json: a change that alters any of them, on any platform or
// build tag, fails TestGoldenStreams. Regenerate deliberately with
//
//	go test -run TestGoldenStreams -update
//
// and say so in the commit message.
func goldenStreams() map[string][]float64 {
	out := map[string][]float64{}
	logits := []float64{0.5, -1, math.Inf(-1), 2, 0}
	for name, src := range map[string]rand.Source{
		"pcg":     rand.NewPCG(1, 2),
		"chacha8": rand.NewChaCha8([32]byte{'g', 'u', 'm', 'b', 'e', 'l'}),
	} {
		g := New(src)
		out[name+"/Uniform"] = []float64{g.Uniform(), g.Uniform(), g.Uniform()}
		out[name+"/SampleGumbel"] = g.SampleGumbel(make([]float64, 6))
		var idx []float64
		for i := 0; i < 12; i++ {
			idx = append(idx, float64(g.GumbelMax(logits)))
		}
		out[name+"/GumbelMax"] = idx
		out[name+"/GumbelSoftmaxTo"] = g.GumbelSoftmaxTo(nil, logits, 0.5, false)
		out[name+"/GumbelSoftmaxTo/hard"] = g.GumbelSoftmaxTo(nil, logits, 0.5, true)
		out[name+"/LogGumbelSoftmaxTo"] = g.LogGumbelSoftmaxTo(nil, logits, 0.1)
		st := g.StraightThroughTo(nil, logits, 2)
		out[name+"/StraightThroughTo"] = append(st.VJP(nil, []float64{1, -1, 3, 0.5, 2}), float64(st.Index))
		var top []float64
		for _, i := range g.GumbelTopKTo(nil, nil, logits, 3) {
			top = append(top, float64(i))
		}
		out[name+"/GumbelTopKTo"] = top
		out[name+"/ConditionalGumbelTo"] = g.ConditionalGumbelTo(nil, logits, 3)
		gr := g.GumbelRaoTo(nil, logits, 0.5, 4)
		out[name+"/GumbelRaoTo"] = append(gr.VJP(nil, []float64{1, -1, 3, 0.5, 2}), float64(gr.Index))
		rm := g.ReinMaxTo(nil, logits, 1.5)
		out[name+"/ReinMaxTo"] = append(rm.VJP(nil, []float64{1, -1, 3, 0.5, 2}), float64(rm.Index))
		out[name+"/RelaxedBernoulli"] = []float64{g.RelaxedBernoulli(0.3, 0.5), g.RelaxedBernoulli(-2, 1)}
	}
	return out
}

func TestGoldenStreams(t *testing.T) {
	path := filepath.Join("testdata", "golden.json")
	got := goldenStreams()
	// JSON has no -Inf: it is stored as the string "-Inf". Finite float64
	// values round-trip through JSON exactly.
	enc := map[string][]any{}
	for k, v := range got {
		for _, x := range v {
			if math.IsInf(x, -1) {
				enc[k] = append(enc[k], "-Inf")
			} else {
				enc[k] = append(enc[k], x)
			}
		}
	}
	if *update {
		b, err := json.MarshalIndent(enc, "", " ")
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, append(b, '\n'), 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("wrote %s", path)
		return
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -run TestGoldenStreams -update once)", err)
	}
	var want map[string][]any
	if err := json.Unmarshal(b, &want); err != nil {
		t.Fatal(err)
	}
	if len(want) != len(enc) {
		t.Errorf("golden file has %d streams, the code draws %d", len(want), len(enc))
	}
	for k, w := range want {
		g := enc[k]
		if len(g) != len(w) {
			t.Errorf("%s: %d values, golden %d", k, len(g), len(w))
			continue
		}
		for i := range w {
			if !reflect.DeepEqual(g[i], w[i]) {
				t.Errorf("%s[%d] = %v, golden %v", k, i, g[i], w[i])
			}
		}
	}
}
