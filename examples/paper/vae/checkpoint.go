// Copyright 2026 The gumbel Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package main

import (
	"bufio"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"os"

	"github.com/seed06c76d7c/gumbel"
)

// A checkpoint (-save writes one after every epoch; -load reads the weights,
// -resume everything) is a file of three parts:
//
//  1. the line "gumbel-vae-checkpoint 1";
//  2. one line of JSON, checkpointHeader: the shape, the training position
//     (epoch, step), the optimiser's state (Adam's step count and the current
//     learning rate) and the states of the two random streams (the Gumbel
//     noise's gumbel.Source and the batch order's rand.PCG, as their
//     MarshalBinary bytes), so that -resume continues the run exactly as if
//     it had not stopped;
//  3. for the encoder's layers, then the decoder's, in order: W (in × out,
//     row-major), b, then Adam's moments mW, vW, mb, vb, every number a
//     little-endian IEEE-754 float64; the sizes follow from the header.
type checkpointHeader struct {
	Estimator string  `json:"estimator"`
	Seed      uint64  `json:"seed"`
	N         int     `json:"latents"`
	K         int     `json:"classes"`
	Enc       []int   `json:"encoder"` // layer sizes, input first
	Dec       []int   `json:"decoder"`
	Batch     int     `json:"batch"`
	Epoch     int     `json:"epoch"`
	Step      int     `json:"step"`
	AdamT     int     `json:"adam_t"`
	LR        float64 `json:"lr"`
	Noise     []byte  `json:"noise_state"`
	Order     []byte  `json:"order_state"`
}

const checkpointMagic = "gumbel-vae-checkpoint 1\n"

// trainState is what a checkpoint saves.
type trainState struct {
	m         *model
	opt       *adam
	noise     *gumbel.Source
	order     *rand.PCG
	epoch     int
	step      int
	estimator string
	seed      uint64
}

func layerSizes(n *mlp) []int {
	s := []int{n.layers[0].W.RawMatrix().Rows}
	for _, l := range n.layers {
		s = append(s, len(l.b))
	}
	return s
}

// saveCheckpoint writes st to path (through a temporary file, renamed, so
// that an interrupted save leaves the previous checkpoint intact).
func saveCheckpoint(path string, st *trainState) error {
	noise, err := st.noise.MarshalBinary()
	if err != nil {
		return err
	}
	order, err := st.order.MarshalBinary()
	if err != nil {
		return err
	}
	h := checkpointHeader{
		Estimator: st.estimator, Seed: st.seed, N: st.m.cfg.N, K: st.m.cfg.K,
		Enc: layerSizes(st.m.enc), Dec: layerSizes(st.m.dec), Batch: st.m.cfg.batch,
		Epoch: st.epoch, Step: st.step, AdamT: st.opt.t, LR: st.opt.lr, Noise: noise, Order: order,
	}
	js, err := json.Marshal(h)
	if err != nil {
		return err
	}
	tmp := path + ".tmp"
	f, err := os.Create(tmp)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(f)
	w.WriteString(checkpointMagic)
	w.Write(js)
	w.WriteByte('\n')
	var b [8]byte
	put := func(v []float64) {
		for _, x := range v {
			binary.LittleEndian.PutUint64(b[:], math.Float64bits(x))
			w.Write(b[:])
		}
	}
	for _, n := range []*mlp{st.m.enc, st.m.dec} {
		for _, l := range n.layers {
			put(l.W.RawMatrix().Data)
			put(l.b)
			put(l.mW.RawMatrix().Data)
			put(l.vW.RawMatrix().Data)
			put(l.mb)
			put(l.vb)
		}
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}

// loadCheckpoint reads a checkpoint into a new model of its shape (batch
// size, layer sizes, latents) and returns the state; it checks the file's
// format and sizes and reports what does not match.
func loadCheckpoint(path string) (*trainState, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r := bufio.NewReader(f)
	magic, err := r.ReadString('\n')
	if err != nil || magic != checkpointMagic {
		return nil, fmt.Errorf("vae: %s is not a checkpoint (first line %q)", path, magic)
	}
	line, err := r.ReadBytes('\n')
	if err != nil {
		return nil, fmt.Errorf("vae: %s: header: %v", path, err)
	}
	var h checkpointHeader
	if err := json.Unmarshal(line, &h); err != nil {
		return nil, fmt.Errorf("vae: %s: header: %v", path, err)
	}
	cfg := config{input: h.Enc[0], N: h.N, K: h.K, batch: h.Batch}
	if len(h.Enc) < 2 || len(h.Dec) < 2 || h.Enc[len(h.Enc)-1] != h.N*h.K || h.Dec[0] != h.N*h.K || h.Dec[len(h.Dec)-1] != h.Enc[0] {
		return nil, fmt.Errorf("vae: %s: inconsistent shape %v / %v for %dx%d latents", path, h.Enc, h.Dec, h.N, h.K)
	}
	cfg.encHid, cfg.decHid = h.Enc[1:len(h.Enc)-1], h.Dec[1:len(h.Dec)-1]
	st := &trainState{m: newModel(cfg, h.Seed), opt: newAdam(h.LR), noise: new(gumbel.Source), order: new(rand.PCG),
		epoch: h.Epoch, step: h.Step, estimator: h.Estimator, seed: h.Seed}
	st.opt.t = h.AdamT
	if err := st.noise.UnmarshalBinary(h.Noise); err != nil {
		return nil, fmt.Errorf("vae: %s: %v", path, err)
	}
	if err := st.order.UnmarshalBinary(h.Order); err != nil {
		return nil, fmt.Errorf("vae: %s: batch order: %v", path, err)
	}
	var b [8]byte
	get := func(v []float64) error {
		for i := range v {
			if _, err := io.ReadFull(r, b[:]); err != nil {
				return fmt.Errorf("vae: %s: truncated weights: %v", path, err)
			}
			v[i] = math.Float64frombits(binary.LittleEndian.Uint64(b[:]))
		}
		return nil
	}
	for _, n := range []*mlp{st.m.enc, st.m.dec} {
		for _, l := range n.layers {
			for _, v := range [][]float64{l.W.RawMatrix().Data, l.b, l.mW.RawMatrix().Data, l.vW.RawMatrix().Data, l.mb, l.vb} {
				if err := get(v); err != nil {
					return nil, err
				}
			}
		}
	}
	if _, err := r.ReadByte(); err != io.EOF {
		return nil, fmt.Errorf("vae: %s: data after the weights", path)
	}
	return st, nil
}
