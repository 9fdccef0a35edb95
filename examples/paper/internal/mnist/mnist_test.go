// Copyright 2026 The gumbel Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package mnist

import (
	"hash/fnv"
	"testing"
)

// TestLoad reads the images from the module cache and checks the split, that
// every pixel is 0 or 1, the mean intensity of binarised MNIST (about 0.13)
// and that two loads give the same bytes (the fixed binarisation).
func TestLoad(t *testing.T) {
	dir, err := Dir("")
	if err != nil {
		t.Fatal(err)
	}
	train, val, test, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	if train.N != 50000 || val.N != 10000 || test.N != 10000 {
		t.Fatalf("sizes %d, %d, %d, want 50000, 10000, 10000", train.N, val.N, test.N)
	}
	for _, d := range []*Dataset{train, val, test} {
		if len(d.Pix) != d.N*Pixels {
			t.Fatalf("%d pixels for %d images", len(d.Pix), d.N)
		}
		ones := 0
		for _, v := range d.Pix {
			if v > 1 {
				t.Fatalf("pixel value %d", v)
			}
			ones += int(v)
		}
		if mean := float64(ones) / float64(len(d.Pix)); mean < 0.12 || mean > 0.145 {
			t.Errorf("mean pixel %.4f, want about 0.13", mean)
		}
	}
	sum := func(d *Dataset) uint64 { h := fnv.New64a(); h.Write(d.Pix); return h.Sum64() }
	train2, _, test2, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	if sum(train) != sum(train2) || sum(test) != sum(test2) {
		t.Error("two loads binarised differently")
	}
	if s := train.Subset(3); s.N != 3 || &s.Image(2)[0] != &train.Image(2)[0] {
		t.Error("Subset(3) is not the first three images")
	}
	if s := val.Subset(1 << 20); s.N != val.N {
		t.Errorf("Subset clamps to %d, want %d", s.N, val.N)
	}
}
