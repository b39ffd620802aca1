// Independent check of an aap checkpoint with Go's reference implementations of C2SP signed
// notes and RFC 6962 trees (golang.org/x/mod/sumdb/note and golang.org/x/mod/sumdb/tlog).
//
// Usage: go run main.go NOTE_FILE VERIFIER_KEY LOG_DIR [OLDER_NOTE_FILE]
//
// It verifies the note's Ed25519 signature, recomputes the tree hash of the first N log lines
// (N = the checkpoint's size) from the lines' exact bytes and compares it with the signed root,
// then proves and checks that the whole log is consistent with the checkpoint; with an older
// checkpoint, it also checks the consistency proof between the two signed trees.
package main

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"golang.org/x/mod/sumdb/note"
	"golang.org/x/mod/sumdb/tlog"
)

func fail(format string, args ...interface{}) {
	fmt.Fprintf(os.Stderr, "ÉCHEC : "+format+"\n", args...)
	os.Exit(1)
}

type checkpoint struct {
	origin string
	size   int64
	root   tlog.Hash
}

func open(path string, verifier note.Verifier) checkpoint {
	data, err := os.ReadFile(path)
	if err != nil {
		fail("lecture de %s : %v", path, err)
	}
	n, err := note.Open(data, note.VerifierList(verifier))
	if err != nil {
		fail("signature de %s : %v", path, err)
	}
	lines := strings.Split(n.Text, "\n")
	if len(lines) < 4 {
		fail("corps de checkpoint trop court dans %s", path)
	}
	size, err := strconv.ParseInt(lines[1], 10, 64)
	if err != nil {
		fail("taille illisible dans %s", path)
	}
	raw, err := base64.StdEncoding.DecodeString(lines[2])
	if err != nil || len(raw) != tlog.HashSize {
		fail("racine illisible dans %s", path)
	}
	var root tlog.Hash
	copy(root[:], raw)
	return checkpoint{origin: lines[0], size: size, root: root}
}

func main() {
	if len(os.Args) < 4 {
		fail("usage : main.go NOTE CLÉ_DE_VÉRIFICATION RÉPERTOIRE_DU_JOURNAL [NOTE_ANTÉRIEURE]")
	}
	verifier, err := note.NewVerifier(os.Args[2])
	if err != nil {
		fail("clé de vérification : %v", err)
	}
	current := open(os.Args[1], verifier)

	files, _ := filepath.Glob(filepath.Join(os.Args[3], "*.jsonl"))
	sort.Strings(files)
	var records [][]byte
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			fail("lecture de %s : %v", f, err)
		}
		for _, line := range bytes.Split(data, []byte("\n")) {
			if len(line) > 0 {
				records = append(records, line)
			}
		}
	}
	var stored []tlog.Hash
	reader := tlog.HashReaderFunc(func(indexes []int64) ([]tlog.Hash, error) {
		out := make([]tlog.Hash, len(indexes))
		for i, x := range indexes {
			out[i] = stored[x]
		}
		return out, nil
	})
	for i, record := range records {
		hashes, err := tlog.StoredHashes(int64(i), record, reader)
		if err != nil {
			fail("hachage de la ligne %d : %v", i+1, err)
		}
		stored = append(stored, hashes...)
	}
	total := int64(len(records))
	if current.size > total {
		fail("le checkpoint couvre %d lignes, le journal n'en a que %d", current.size, total)
	}
	root, err := tlog.TreeHash(current.size, reader)
	if err != nil || root != current.root {
		fail("la racine des %d premières lignes ne correspond pas à la racine signée", current.size)
	}
	whole, _ := tlog.TreeHash(total, reader)
	proof, err := tlog.ProveTree(total, current.size, reader)
	if err != nil || tlog.CheckTree(proof, total, whole, current.size, current.root) != nil {
		fail("le journal (%d lignes) n'est pas cohérent avec le checkpoint (%d)", total, current.size)
	}
	fmt.Printf("checkpoint %s : signature de %s valide, %d lignes, racine conforme ; journal de %d lignes cohérent (preuve de %d nœuds)\n",
		current.origin, verifier.Name(), current.size, total, len(proof))

	if len(os.Args) > 4 {
		older := open(os.Args[4], verifier)
		if older.origin != current.origin || older.size > current.size {
			fail("les deux checkpoints ne sont pas du même journal dans l'ordre")
		}
		between, err := tlog.ProveTree(current.size, older.size, reader)
		if err != nil || tlog.CheckTree(between, current.size, current.root, older.size, older.root) != nil {
			fail("pas de preuve de cohérence entre les checkpoints %d et %d", older.size, current.size)
		}
		fmt.Printf("cohérence vérifiée entre les checkpoints signés de %d et %d lignes (preuve de %d nœuds)\n", older.size, current.size, len(between))
	}
}
