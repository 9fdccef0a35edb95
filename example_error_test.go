// Copyright 2026 The gumbel Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package gumbel_test

import (
	"errors"
	"fmt"

	"github.com/seed06c76d7c/gumbel"
)

func ExampleError() {
	// Misuse panics with an *Error: errors.As gives its fields, errors.Is
	// matches its sentinel.
	defer func() {
		err, _ := recover().(error)
		var e *gumbel.Error
		if errors.As(err, &e) {
			fmt.Printf("Op %q\nMsg %q\n", e.Op, e.Msg)
		}
		fmt.Println(errors.Is(err, gumbel.ErrTemperature), errors.Is(err, gumbel.ErrLength))
	}()
	gumbel.NewSeeded(1, 2).StraightThroughTo(nil, []float64{1, 2}, -1)
	// Output:
	// Op "StraightThroughTo"
	// Msg "temperature -1 is not finite and > 0"
	// true false
}
