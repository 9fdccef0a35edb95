// Copyright 2026 The gumbel Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package main

import "github.com/seed06c76d7c/gumbel/examples/paper/internal/mnist"

// The binarised MNIST images (package mnist, shared with ../vaemlx).
type dataset = mnist.Dataset

const pixels = mnist.Pixels
