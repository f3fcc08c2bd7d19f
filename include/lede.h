/*
 * lede.h - the public interface of liblede, an offline extractive summarizer.
 *
 * lede reads a long UTF-8 text and returns its most central sentences,
 * verbatim, with their byte spans in the caller's input.
 *
 * Conventions that hold for every function below:
 *
 *  - Objects are opaque and created by a `*_new` function; each has a
 *    matching `*_free` that accepts NULL.
 *  - Fallible functions return a `lede_status` (LEDE_OK is 0). Those that can
 *    say where an input error is take an optional `lede_error **err`: when
 *    it is not NULL and the call fails, `*err` receives a newly allocated
 *    error (free it with lede_error_free); on success `*err` is set to NULL.
 *  - Byte offsets are `size_t` indices into the caller's buffer; spans are
 *    half-open, [start, end).
 *  - The library keeps no global mutable state and never prints. Distinct
 *    objects may be used from different threads at the same time; one object
 *    must not be used from two threads at once without the caller's locking.
 *    Read-only objects (a finished lede_summary, a lede_options that nobody
 *    modifies) may be read from several threads.
 *  - liblede loads OpenBLAS (with dlopen, once per process) at the first
 *    summary that ranks by a similarity graph: lede-openblas.so, lede's own
 *    copy of the functions it calls, when the build made one and it lies
 *    beside liblede.so (or beside a program linked with liblede.a), else
 *    the system's libopenblas.so.0. It never changes OpenBLAS's
 *    process-wide thread count; OpenBLAS reads OPENBLAS_NUM_THREADS then. A
 *    multithreaded program that summarizes in several threads should set it
 *    to 1 before its first summary (see the OpenBLAS FAQ). Threads need a
 *    BLAS that is safe to call concurrently: Debian's serial OpenBLAS
 *    (libopenblas0-serial) is built without locking and is not.
 */
#ifndef LEDE_H
#define LEDE_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(_WIN32) && defined(LEDE_BUILDING_SHARED)
#define LEDE_API __declspec(dllexport)
#elif defined(__GNUC__)
#define LEDE_API __attribute__((visibility("default")))
#else
#define LEDE_API
#endif

/* ====== Version ====== */

/* The version of this header. CMake reads these three lines: they are the
 * single source of the project's version. */
#define LEDE_VERSION_MAJOR 0
#define LEDE_VERSION_MINOR 1
#define LEDE_VERSION_PATCH 0

#define LEDE_VERSION_NUMBER \
    (LEDE_VERSION_MAJOR * 10000 + LEDE_VERSION_MINOR * 100 + LEDE_VERSION_PATCH)
#define LEDE_STRINGIFY_(x) #x
#define LEDE_STRINGIFY(x) LEDE_STRINGIFY_(x)
#define LEDE_VERSION_STRING                                            \
    LEDE_STRINGIFY(LEDE_VERSION_MAJOR) "." LEDE_STRINGIFY(LEDE_VERSION_MINOR) \
    "." LEDE_STRINGIFY(LEDE_VERSION_PATCH)

/* The version of the library actually loaded, as LEDE_VERSION_NUMBER would
 * give it. Compare with LEDE_VERSION_NUMBER to detect a header/library
 * mismatch. Thread-safe. */
LEDE_API unsigned lede_version_number(void);

/* The loaded library's version as "MAJOR.MINOR.PATCH"; a static string.
 * Thread-safe. */
LEDE_API const char *lede_version_string(void);

/* ====== Status codes and errors ====== */

/* Status codes. Their numbers never change; new codes are added at the end. */
typedef enum lede_status {
    LEDE_OK = 0,
    LEDE_ERR_NOMEM = 1,            /* an allocation failed */
    LEDE_ERR_INVALID_ARGUMENT = 2, /* NULL where an object is required, value out of range */
    LEDE_ERR_INVALID_UTF8 = 3,     /* input is not valid UTF-8 (offset in the error) */
    LEDE_ERR_NUL_BYTE = 4,         /* input contains a NUL byte (offset in the error) */
    LEDE_ERR_EMPTY_INPUT = 5,      /* input is empty or only whitespace */
    LEDE_ERR_NO_SENTENCES = 6,     /* input has text but no sentence to rank */
    LEDE_ERR_UNKNOWN_LANGUAGE = 7, /* no built-in model for the language asked for */
    LEDE_ERR_TOO_LARGE = 8,        /* input exceeds a documented limit */
    LEDE_ERR_BUDGET = 9,           /* no sentence fits the length budget */
    LEDE_ERR_MODEL = 10,           /* model data is malformed */
    LEDE_ERR_INTERNAL = 11,        /* a bug in lede: please report it */
    LEDE_ERR_NO_ARTICLE = 12,      /* a web page has no article text (only menus, links, ...) */
    LEDE_ERR_MARKUP = 13,          /* a document lede_extract_xml reads is not well-formed
                                      XML, or its XPath is bad (position in the error) */
    LEDE_ERR_DEPENDENCY = 14       /* a library lede loads when first needed (libxml2, for
                                      HTML and XML input; OpenBLAS, for ranking by a
                                      similarity graph) cannot be loaded */
} lede_status;

/* A static English description of a status code (never NULL; unknown codes
 * give "unknown error"). Thread-safe. */
LEDE_API const char *lede_strerror(lede_status status);

/* Details of a failure: the code, a message, and for input errors where in
 * the input it was found. Created by the library, freed by the caller. */
typedef struct lede_error lede_error;

/* Frees an error. Accepts NULL. */
LEDE_API void lede_error_free(lede_error *err);

/* The status code of the error (LEDE_OK for a NULL error). */
LEDE_API lede_status lede_error_code(const lede_error *err);

/* A human-readable message, without file name or position; owned by the
 * error and valid until it is freed. Never NULL. */
LEDE_API const char *lede_error_message(const lede_error *err);

/* Position of an input error: byte offset into the caller's buffer (0-based),
 * line and column (1-based; columns count Unicode code points, lines end at
 * LF, CRLF or CR). Line and column are 0 when the error has no position;
 * lede_error_has_position tells which. */
LEDE_API int lede_error_has_position(const lede_error *err);
LEDE_API size_t lede_error_offset(const lede_error *err);
LEDE_API size_t lede_error_line(const lede_error *err);
LEDE_API size_t lede_error_column(const lede_error *err);

/* ====== Options ====== */

/* Settings for one summarization. Every setter validates its value and
 * returns LEDE_ERR_INVALID_ARGUMENT, leaving the option unchanged, when it is
 * out of range. A lede_options is not thread-safe while being modified. */
typedef struct lede_options lede_options;

/* New options with the defaults documented at each setter. Returns NULL when
 * out of memory. */
LEDE_API lede_options *lede_options_new(void);

/* Frees options. Accepts NULL. */
LEDE_API void lede_options_free(lede_options *opts);

/* A copy of `opts` (NULL when out of memory or when opts is NULL). */
LEDE_API lede_options *lede_options_copy(const lede_options *opts);

/* Input flags, combined with |. */
#define LEDE_INPUT_DEFAULT 0u
/* Replace each byte of an invalid UTF-8 sequence (a truncated sequence of
 * two bytes gives two) and each NUL byte by U+FFFD in the returned texts
 * instead of failing. Spans still index the original bytes. */
#define LEDE_INPUT_REPLACE_INVALID (1u << 0)

/* Sets the input flags (default LEDE_INPUT_DEFAULT). Errors:
 * LEDE_ERR_INVALID_ARGUMENT for an unknown flag bit or a NULL opts. */
LEDE_API lede_status lede_options_set_input_flags(lede_options *opts, unsigned flags);

/* Language of the text: one of the built-in models (lede_language_code
 * lists their codes) named by its code ("en", "de", ...) or another code
 * of it ("nb"), its English name ("German", any case), the name of its
 * Snowball stemmer ("german"), or a language tag whose primary subtag is
 * one of these ("en-US", "pt_BR"). Default "en". The model gives the
 * stopwords, the abbreviations and the stemmer; some models have only a
 * stemmer, "zh" and "ja" none. A language with no model is summarized by
 * naming "und" (undetermined): no stopwords, no abbreviations, no
 * stemmer. The name is looked up by lede_summarizer_new (see there), not
 * here. Errors: LEDE_ERR_INVALID_ARGUMENT for a NULL opts or language, an
 * empty one, one of more than 63 bytes, or one with white space, a control
 * character or '=' (no name has them, and lede_options_describe's text
 * could not be read back). The string is copied. */
LEDE_API lede_status lede_options_set_language(lede_options *opts, const char *language);

/* Summary length. Exactly one budget is active: the last one set.
 *  - sentences: at most n sentences (n >= 1). The default is 5, lowered for
 *    short inputs to about a third of their sentences (at least 1).
 *  - ratio: round(r * number of sentences), at least 1; 0 < r <= 1.
 *  - words: at most w words in all (w >= 1); sentences that do not fit are
 *    skipped, so the summary never exceeds the budget.
 *  - chars: at most c characters (Unicode code points of the reported,
 *    whitespace-collapsed sentence texts) in all (c >= 1). */
LEDE_API lede_status lede_options_set_sentences(lede_options *opts, size_t n);
LEDE_API lede_status lede_options_set_ratio(lede_options *opts, double r);
LEDE_API lede_status lede_options_set_words(lede_options *opts, size_t w);
LEDE_API lede_status lede_options_set_chars(lede_options *opts, size_t c);

/* TextRank damping factor, 0 < d < 1; default 0.85. */
LEDE_API lede_status lede_options_set_damping(lede_options *opts, double d);

/* Near-duplicate threshold: a candidate whose cosine similarity with an
 * already picked sentence is above t is skipped. 0 < t <= 1; default 0.8.
 * 1 turns the check off. */
LEDE_API lede_status lede_options_set_redundancy(lede_options *opts, double t);

/* Weight of the language model's background IDF against the IDF computed
 * from the document's own sentences: idf = w * background + (1 - w) * local.
 * 0 <= w <= 1; default 0 (local IDF only). Without a background table for
 * the language the weight has no effect. */
LEDE_API lede_status lede_options_set_background_idf(lede_options *opts, double w);

/* Ranking method by name: "textrank" (the default: weighted PageRank on
 * the sentences' similarity graph), "lexrank" (PageRank on the edges above
 * the "threshold" option), "degree" (the number of such edges), "centroid"
 * (the sum of similarities), "position" (position-aware directed
 * centrality, after PacSum), or the baselines "lead" (the first sentences)
 * and "random" (random scores from the seed). Baselines ignore the priors.
 * Errors: LEDE_ERR_INVALID_ARGUMENT for an unknown name. */
LEDE_API lede_status lede_options_set_method(lede_options *opts, const char *method);

/* The i-th ranking method's name ("textrank", "lexrank", "degree",
 * "centroid", "position", "lead", "random"); NULL past the end. Static
 * strings. Thread-safe. */
LEDE_API const char *lede_method_name(size_t i);

/* Seed of the "random" method (default 1): the same seed gives the same
 * summary. */
LEDE_API lede_status lede_options_set_seed(lede_options *opts, uint64_t seed);

/* Sets an option by name from its text, as the command line does with
 * --NAME VALUE; lede_option_name lists the names. Those of the typed
 * setters above: "language", "method", "sentences" (also "default": the
 * default budget, as lede_options_describe writes it), "ratio", "words",
 * "chars", "damping", "redundancy", "background-idf", "seed" and
 * "replace-invalid" (yes/no, 1/0, true/false). The ranking's knobs, with
 * their ranges (defaults and meaning in lede(1)): "idf-power" 0..2,
 * "threshold" 0..1 (lexrank, degree), "position-beta" 0..1,
 * "position-backward" and "position-forward" -100..100 (position),
 * "position-prior" 0..100, "lead-boost" 0..100, "lead-span" 0.1..1000,
 * "lead-share" 0.01..1, "length-prior" 0..100, "length-target" 1..10000,
 * "title" 0..100, "mmr" 0..1. Errors: LEDE_ERR_INVALID_ARGUMENT for an
 * unknown name or a value the typed setter rejects or out of range (the
 * options are then unchanged). */
LEDE_API lede_status lede_options_set(lede_options *opts, const char *name, const char *value);

/* The i-th option name that lede_options_set takes; NULL past the end.
 * Static strings. Thread-safe. */
LEDE_API const char *lede_option_name(size_t i);

/* Writes every option as space-separated NAME=VALUE pairs (enough to repeat
 * a run exactly, e.g. in benchmark records) into `buf`, like snprintf:
 * returns the length the whole text needs, writes at most `size` bytes
 * including the NUL. The text is never empty: 0 (and an empty string in
 * `buf`) means `opts` is NULL or memory ran out. Thread-safe for options
 * nobody modifies. */
LEDE_API size_t lede_options_describe(const lede_options *opts, char *buf, size_t size);

/* ====== Summaries ====== */

/* One sentence of the input. The layout of this struct is part of the ABI
 * of SOVERSION 1 and does not change; later fields get accessors instead. */
typedef struct lede_sentence {
    size_t start;        /* byte span [start, end) in the caller's input */
    size_t end;
    size_t index;        /* 0-based sentence index in the document */
    size_t paragraph;    /* 0-based paragraph index in the document */
    double score;        /* centrality score (TextRank); higher is more central */
    size_t rank;         /* 1 = highest score; ties (scores within a relative
                            1e-9, as identical sentences get) broken by index,
                            earlier first; 0 = not ranked */
    const char *text;    /* the sentence, whitespace runs collapsed to one space
                            (and, in a block quote, the '>' that start its
                            lines left out), NUL-terminated, owned by the
                            summary */
    size_t text_len;     /* strlen(text) */
    unsigned kind;       /* LEDE_KIND_* */
    unsigned picked;     /* 1 when the sentence is part of the summary */
} lede_sentence;

/* What a unit of text is. Only sentences are eligible for a summary. A
 * line is a short line without terminal punctuation or, in Markdown, a
 * line of fenced code or front matter, a table row, a link definition. */
#define LEDE_KIND_SENTENCE 0u /* a sentence of running text or of a list item */
#define LEDE_KIND_HEADING 1u  /* a heading (Markdown '#', setext) */
#define LEDE_KIND_LINE 2u     /* a line that is no sentence (above) */

/* The result of summarizing or splitting a document: every sentence of the
 * input with its score and rank, and which of them form the summary.
 * Immutable once returned; may be read from several threads. */
typedef struct lede_summary lede_summary;

/* Frees a summary and every string it owns. Accepts NULL. */
LEDE_API void lede_summary_free(lede_summary *sum);

/* Number of picked sentences, and the i-th of them in document order
 * (NULL when i is out of range). The pointer is valid until the summary is
 * freed. */
LEDE_API size_t lede_summary_count(const lede_summary *sum);
LEDE_API const lede_sentence *lede_summary_sentence(const lede_summary *sum, size_t i);

/* Number of sentences in the whole document, and the i-th of them (all
 * units, in document order, picked or not). */
LEDE_API size_t lede_summary_total(const lede_summary *sum);
LEDE_API const lede_sentence *lede_summary_unit(const lede_summary *sum, size_t i);

/* Number of paragraphs in the document. */
LEDE_API size_t lede_summary_paragraphs(const lede_summary *sum);

/* ====== Summarizer ====== */

/* A reusable summarizer for one language: owns the language model, the
 * stemmer, and buffers reused across calls. Not thread-safe: use one per
 * thread. */
typedef struct lede_summarizer lede_summarizer;

/* A summarizer for the language of `opts` (NULL: defaults, English).
 * Fails with LEDE_ERR_UNKNOWN_LANGUAGE when the language names none of
 * the built-in models as lede_options_set_language says, even when
 * libstemmer has an algorithm of that name ("porter"); its message then
 * says to use "und", the model for a language without one (no stopwords,
 * no abbreviations, no stemmer). It fails so too when the libstemmer lede
 * runs with lacks the model's stemmer. Other errors: LEDE_ERR_NOMEM,
 * LEDE_ERR_INVALID_ARGUMENT for a NULL out. The options are copied; the
 * ones that affect a single call are passed again to lede_summarizer_run. */
LEDE_API lede_status lede_summarizer_new(const lede_options *opts, lede_summarizer **out,
                                         lede_error **err);

/* Frees a summarizer. Accepts NULL. */
LEDE_API void lede_summarizer_free(lede_summarizer *s);

/* Summarizes `len` bytes of UTF-8 `text` (need not be NUL-terminated; a
 * leading BOM is skipped). `opts` (NULL: the summarizer's own) sets the
 * length budget and ranking knobs; its language is ignored. On success
 * `*out` receives a summary the caller frees with lede_summary_free. Errors:
 * LEDE_ERR_INVALID_UTF8 and LEDE_ERR_NUL_BYTE (with position),
 * LEDE_ERR_EMPTY_INPUT, LEDE_ERR_NO_SENTENCES, LEDE_ERR_BUDGET,
 * LEDE_ERR_TOO_LARGE (2^32 - 1 sentences or more, or as many distinct
 * terms), LEDE_ERR_NOMEM, LEDE_ERR_INVALID_ARGUMENT, and
 * LEDE_ERR_DEPENDENCY when a method that ranks by a similarity graph (all
 * but lead and random) needs OpenBLAS and it cannot be loaded. */
LEDE_API lede_status lede_summarizer_run(lede_summarizer *s, const char *text, size_t len,
                                         const lede_options *opts, lede_summary **out,
                                         lede_error **err);

/* Splits `text` into paragraphs and sentences without ranking: the summary
 * has every unit, none picked, scores 0 and ranks 0. Same errors as
 * lede_summarizer_run except LEDE_ERR_NO_SENTENCES, LEDE_ERR_BUDGET and
 * LEDE_ERR_DEPENDENCY. */
LEDE_API lede_status lede_summarizer_split(lede_summarizer *s, const char *text, size_t len,
                                           const lede_options *opts, lede_summary **out,
                                           lede_error **err);

/* ====== One-call API ====== */

/* Summarizes `text` with a temporary summarizer built from `opts` (NULL:
 * defaults). Same contract as lede_summarizer_run. Thread-safe. */
LEDE_API lede_status lede_summarize(const char *text, size_t len, const lede_options *opts,
                                    lede_summary **out, lede_error **err);

/* Splits `text` into sentences with a temporary summarizer. Same contract as
 * lede_summarizer_split. Thread-safe. */
LEDE_API lede_status lede_split(const char *text, size_t len, const lede_options *opts,
                                lede_summary **out, lede_error **err);

/* ====== Languages ====== */

/* The number of languages with a built-in model, and the code of the i-th
 * ("en", ...); NULL when i is out of range. Static strings. Thread-safe. */
LEDE_API size_t lede_language_count(void);
LEDE_API const char *lede_language_code(size_t i);

/* ====== Build information ====== */

/* Writes a one-line, human-readable description of the libraries liblede
 * runs against (libxml2's run-time and build-time versions, utf8proc and
 * its Unicode version, OpenBLAS's configuration, libstemmer) into `buf`,
 * like snprintf: at most `size` bytes including the terminating NUL;
 * returns the length the full line needs (excluding the NUL). `buf` may be
 * NULL when `size` is 0. libxml2 and OpenBLAS are loaded on demand: this
 * call loads them (once per process), and says "(cannot be loaded)" in
 * place of a version when one cannot be; after OpenBLAS's configuration it
 * names the file loaded (lede-openblas.so, lede's own copy, or the
 * system's soname), or the soname that could not be. Never fails.
 * Thread-safe. */
LEDE_API size_t lede_dependency_versions(char *buf, size_t size);

/* ====== ROUGE ====== */

/* An exact re-implementation of the ROUGE-1.5.5 Perl script (C.-Y. Lin):
 * the same tokens, counts, rounding, averaging and bootstrap confidence
 * intervals, so every printed number matches the script's to the last
 * decimal. docs/rouge.md describes each option and the few places where lede
 * goes beyond the script (marked there as extensions). Terms: the candidate
 * is the script's "peer", a reference is a "model"; one scored candidate
 * with its references is a document ("Eval ID.peer ID"). */

/* Scoring settings. Defaults are the script's with no option: ROUGE-L only,
 * alpha 0.5, model-average scoring, 95% interval from 1000 resamples, no
 * stemming, no stopword removal, no length limit. Setters validate their
 * value and return LEDE_ERR_INVALID_ARGUMENT, leaving the option unchanged,
 * when it is out of range. Not thread-safe while being modified. */
typedef struct lede_rouge_options lede_rouge_options;

/* New options with the defaults above; NULL when out of memory. */
LEDE_API lede_rouge_options *lede_rouge_options_new(void);

/* Frees options. Accepts NULL. */
LEDE_API void lede_rouge_options_free(lede_rouge_options *opts);

/* Applies one ROUGE-1.5.5 command-line flag, as the script's getopts sees
 * it: `flag` is the letter ('n', 'm', '2', ...) and `value` its argument
 * (NULL for flags without one). Scoring flags: -n N (ROUGE-1..N, 0 <= N <= 9),
 * -x (no ROUGE-L), -w W (ROUGE-W-W, W > 0), -2 N (skip bigrams, at most N
 * tokens apart; N < 0: no limit), -u (ROUGE-SU instead of ROUGE-S), -U
 * (both), -p ALPHA (0..1), -f A|B (any value but B averages, as in the
 * script), -m, -s, -l WORDS, -b BYTES (not both, whatever their values;
 * 0 = no limit; either replaces a limit a typed setter set), -c CF
 * (0..100), -r RESAMPLES (1 to 1,000,000), -t 0|1|2 (any other
 * number: 0). -a, -d and -e DIR are
 * accepted and change nothing here (they select peers, print per-document
 * scores and name the data folder, which lede embeds). Flags of the script
 * that lede does not implement (-3, -M, -v), -z (a file list, read by the
 * `lede rouge` program) and unknown letters fail
 * with LEDE_ERR_INVALID_ARGUMENT and a message naming the flag. The text of
 * -w, -2 and -c is kept as given for metric names and the interval label,
 * as the script prints them ("ROUGE-W-1.2", "95%-conf.int."): 31 bytes at
 * most, a longer one is refused. A refused flag changes nothing. */
LEDE_API lede_status lede_rouge_options_set_flag(lede_rouge_options *opts, char flag,
                                                 const char *value, lede_error **err);

/* Parses an argv-style list of ROUGE-1.5.5 flags, e.g. {"-c", "95", "-2",
 * "4", "-U", "-n", "4", "-w", "1.2", "-a", "-m"} (no program name), as the
 * script's getopts does: clustered flags ("-mas"), attached values ("-n4"),
 * "--" ends the flags. Parsing stops at the first operand; its index goes to
 * `*first_operand` (argc when there is none). When `first_operand` is NULL
 * an operand is an error. Errors as lede_rouge_options_set_flag, plus a
 * missing flag value and -l together with -b. */
LEDE_API lede_status lede_rouge_options_parse(lede_rouge_options *opts, int argc,
                                              char *const *argv, int *first_operand,
                                              lede_error **err);

/* Typed setters, one per scoring choice (the flag in brackets). */
/* ROUGE-1 .. ROUGE-n; 0 turns ROUGE-N off (the default) [-n]. n <= 9. */
LEDE_API lede_status lede_rouge_options_set_max_ngram(lede_rouge_options *opts, unsigned n);
/* ROUGE-L on (default) or off [-x]. */
LEDE_API lede_status lede_rouge_options_set_lcs(lede_rouge_options *opts, int on);
/* ROUGE-W with weight w > 0, or off with w == 0 (default) [-w]. */
LEDE_API lede_status lede_rouge_options_set_wlcs(lede_rouge_options *opts, double w);

/* Which skip-bigram measures to compute. */
typedef enum lede_rouge_skip {
    LEDE_ROUGE_SKIP_NONE = 0, /* no skip bigrams (default) */
    LEDE_ROUGE_SKIP_S = 1,    /* ROUGE-S [-2 N] */
    LEDE_ROUGE_SKIP_SU = 2,   /* ROUGE-SU only [-2 N -u] */
    LEDE_ROUGE_SKIP_BOTH = 3  /* ROUGE-S then ROUGE-SU [-2 N -U] */
} lede_rouge_skip;

/* Skip bigrams of tokens at most max_gap tokens apart (max_gap < 0: any
 * distance; the metric is then named ROUGE-S*). */
LEDE_API lede_status lede_rouge_options_set_skip_bigram(lede_rouge_options *opts,
                                                        lede_rouge_skip which, long max_gap);
/* Weight of precision in F = P*R / ((1-alpha)*P + alpha*R); 0..1, default
 * 0.5 [-p]. */
LEDE_API lede_status lede_rouge_options_set_alpha(lede_rouge_options *opts, double alpha);
/* Several references: 0 pools them (model average, default) [-f A]; 1 keeps
 * only the reference with the best recall [-f B]. */
LEDE_API lede_status lede_rouge_options_set_best_reference(lede_rouge_options *opts, int best);
/* ROUGE's Porter variant plus the WordNet 2.0 exception table [-m]. */
LEDE_API lede_status lede_rouge_options_set_stemming(lede_rouge_options *opts, int on);
/* Drop ROUGE's 598 SMART stopwords [-s]. */
LEDE_API lede_status lede_rouge_options_set_stopwords(lede_rouge_options *opts, int remove);
/* Length limit on candidate and references: words [-l] or bytes [-b]; the
 * last one set counts, 0 = none (default). */
LEDE_API lede_status lede_rouge_options_set_word_limit(lede_rouge_options *opts, size_t words);
LEDE_API lede_status lede_rouge_options_set_byte_limit(lede_rouge_options *opts, size_t bytes);
/* Confidence level in percent, 0..100, default 95 [-c]. */
LEDE_API lede_status lede_rouge_options_set_confidence(lede_rouge_options *opts, double cf);
/* Bootstrap resamples, 1 to 1,000,000, default 1000 [-r]. */
LEDE_API lede_status lede_rouge_options_set_resamples(lede_rouge_options *opts, size_t n);

/* How the overall scores average [-t]: LEDE_ROUGE_AVERAGE_DOCS (default)
 * averages the documents' scores; LEDE_ROUGE_AVERAGE_TOKENS computes R, P
 * and F from counts pooled over the documents of each resample (ROUGE-W
 * then without its 1/W power, as the script does); LEDE_ROUGE_COUNTS only
 * totals the counts (no bootstrap; lede_rouge_overall's count fields). With
 * the last two the script prints each document's raw counts instead of its
 * scores. */
typedef enum lede_rouge_average {
    LEDE_ROUGE_AVERAGE_DOCS = 0,
    LEDE_ROUGE_AVERAGE_TOKENS = 1,
    LEDE_ROUGE_COUNTS = 2
} lede_rouge_average;
LEDE_API lede_status lede_rouge_options_set_average(lede_rouge_options *opts,
                                                    lede_rouge_average how);

/* Tokenization. LEDE_ROUGE_TOKENIZE_ROUGE155 (default) is the script's:
 * bytes, ASCII case folding, words are runs of [a-z0-9]. The extension
 * LEDE_ROUGE_TOKENIZE_UNICODE reads UTF-8 (invalid UTF-8 is an error),
 * applies NFKC and case folding (utf8proc), keeps letters, marks and digits of
 * every script in words, and makes each Han, Hiragana and Katakana character
 * a word of its own. Never the default: its numbers are not the script's. */
typedef enum lede_rouge_tokenizer {
    LEDE_ROUGE_TOKENIZE_ROUGE155 = 0,
    LEDE_ROUGE_TOKENIZE_UNICODE = 1
} lede_rouge_tokenizer;
LEDE_API lede_status lede_rouge_options_set_tokenizer(lede_rouge_options *opts,
                                                      lede_rouge_tokenizer t);

/* What to do with a reference that has no token where the script dies
 * (with ROUGE-W on, "Illegal division by zero"): fail naming the document
 * (LEDE_ROUGE_EMPTY_REFERENCE_ERROR, default), or score the document 0 on
 * every metric (LEDE_ROUGE_EMPTY_REFERENCE_ZERO, an extension). Without
 * ROUGE-W the script scores such a reference normally, and so does lede. */
typedef enum lede_rouge_empty_reference {
    LEDE_ROUGE_EMPTY_REFERENCE_ERROR = 0,
    LEDE_ROUGE_EMPTY_REFERENCE_ZERO = 1
} lede_rouge_empty_reference;
LEDE_API lede_status lede_rouge_options_set_empty_reference(lede_rouge_options *opts,
                                                            lede_rouge_empty_reference what);

/* A scorer: holds the settings, the token table, and every document's
 * scores. Not thread-safe: use one per thread. */
typedef struct lede_rouge lede_rouge;

/* A scorer with a copy of `opts` (NULL: defaults). Errors: LEDE_ERR_NOMEM. */
LEDE_API lede_status lede_rouge_new(const lede_rouge_options *opts, lede_rouge **out,
                                    lede_error **err);

/* Frees a scorer. Accepts NULL. */
LEDE_API void lede_rouge_free(lede_rouge *r);

/* A text as a list of sentences (the script's lines). `lengths` may be NULL
 * for NUL-terminated sentences. Bytes are taken as they are (NUL bytes
 * included when lengths are given); CR and LF inside a sentence act as
 * spaces; an empty sentence is skipped, as the script skips empty lines. */
typedef struct lede_rouge_text {
    const char *const *sentences;
    const size_t *lengths;
    size_t count;
} lede_rouge_text;

/* Scores one candidate against its references (n_references >= 1) and
 * records the result as document "eval_id.peer_id". eval_id NULL: the
 * 1-based number of documents added so far, 6 digits ("000001"); peer_id
 * NULL: "C". Texts are read during the call only. Errors: no reference,
 * a document name already recorded (LEDE_ERR_INVALID_ARGUMENT: the name,
 * as in the script, so eval "a.b" with peer "c" and eval "a" with peer
 * "b.c" are the same document); a token-less
 * reference with ROUGE-W (LEDE_ERR_EMPTY_INPUT, see
 * lede_rouge_options_set_empty_reference); invalid UTF-8 with the Unicode
 * tokenizer (LEDE_ERR_INVALID_UTF8); a sentence pair too long for the LCS
 * table (more than 2^26 token pairs: LEDE_ERR_TOO_LARGE); LEDE_ERR_NOMEM.
 * Messages name the document. On failure nothing is recorded. */
LEDE_API lede_status lede_rouge_add(lede_rouge *r, const char *eval_id, const char *peer_id,
                                    const lede_rouge_text *candidate,
                                    const lede_rouge_text *references, size_t n_references,
                                    lede_error **err);

/* Input formats of the script's summary files. */
typedef enum lede_rouge_format {
    LEDE_ROUGE_FORMAT_SPL = 0, /* one sentence per line */
    LEDE_ROUGE_FORMAT_SEE = 1, /* the SEE HTML lines that pyrouge writes */
    LEDE_ROUGE_FORMAT_ISI = 2  /* <S SNTNO="..">...</S> lines */
} lede_rouge_format;

/* Reads a peer file and its model files in `format`, as the script reads
 * them, and adds them as lede_rouge_add does. Errors also: a file that cannot
 * be read (LEDE_ERR_INVALID_ARGUMENT, message with the path). */
LEDE_API lede_status lede_rouge_add_files(lede_rouge *r, const char *eval_id,
                                          const char *peer_id, lede_rouge_format format,
                                          const char *peer_path,
                                          const char *const *model_paths, size_t n_models,
                                          lede_error **err);

/* Reads a ROUGE-1.5.5 XML configuration file (<ROUGE-EVAL>, <EVAL ID>,
 * <PEER-ROOT>, <MODEL-ROOT>, <INPUT-FORMAT TYPE="SPL|SEE|ISI">, <PEERS><P
 * ID>, <MODELS><M ID>; names matched without case, paths joined as
 * ROOT/FILE as the script does) and adds every evaluation for the peer
 * `system_id`, or for every peer when it is NULL (the script's -a). An
 * evaluation that lacks the peer is skipped with a warning, as the script
 * does (lede_rouge_warning). Errors: a file that cannot be read or
 * malformed XML (LEDE_ERR_INVALID_ARGUMENT; the line in the message), a
 * missing ID, root, format or file, a file over 2 GiB (LEDE_ERR_TOO_LARGE),
 * LEDE_ERR_DEPENDENCY (libxml2, which parses the file, cannot be loaded),
 * plus those of lede_rouge_add. Prints nothing. `config_path` "-" reads the
 * process's standard input to its end (and leaves it open): the one shared
 * resource here, so not from two threads at once. */
LEDE_API lede_status lede_rouge_add_config(lede_rouge *r, const char *config_path,
                                           const char *system_id, lede_error **err);

/* Warnings collected while adding (the script prints them on stderr), in
 * order; the strings live as long as the scorer. */
LEDE_API size_t lede_rouge_warning_count(const lede_rouge *r);
LEDE_API const char *lede_rouge_warning(const lede_rouge *r, size_t i);

/* Computes the overall scores: for each peer, the mean of the bootstrap
 * resample means and the confidence bounds, exactly as the script does
 * (srand(i) for resample i, Perl's drand48). Adding documents afterwards
 * is allowed and needs another call. Errors: LEDE_ERR_NOMEM. */
LEDE_API lede_status lede_rouge_compute(lede_rouge *r, lede_error **err);

/* The metrics in the script's order (ROUGE-1..N, ROUGE-L, ROUGE-W-w,
 * ROUGE-Sn, ROUGE-SUn) and their names as the script prints them. */
LEDE_API size_t lede_rouge_metric_count(const lede_rouge *r);
LEDE_API const char *lede_rouge_metric_name(const lede_rouge *r, size_t metric);
/* Index of a metric by name, or (size_t)-1. */
LEDE_API size_t lede_rouge_metric_find(const lede_rouge *r, const char *name);

/* The confidence level as the script prints it in "95%-conf.int.". */
LEDE_API const char *lede_rouge_confidence_label(const lede_rouge *r);

/* The averaging the scorer was made with (see lede_rouge_options_set_average). */
LEDE_API lede_rouge_average lede_rouge_average_mode(const lede_rouge *r);

/* One document's score on one metric. recall, precision and f are the
 * script's per-document numbers, rounded to 5 decimals as it rounds them
 * (F from the rounded R and P); a caller may bootstrap them itself. The
 * counts are the raw totals behind them: reference units, candidate units
 * (once per reference counted), and hits (for ROUGE-W the weighted sums). */
typedef struct lede_rouge_score {
    double recall;
    double precision;
    double f;
    double model_count;
    double peer_count;
    double hits;
} lede_rouge_score;

/* Documents in the order they were added, their IDs, and their scores.
 * Errors: an index out of range (LEDE_ERR_INVALID_ARGUMENT). */
LEDE_API size_t lede_rouge_doc_count(const lede_rouge *r);
LEDE_API const char *lede_rouge_doc_eval_id(const lede_rouge *r, size_t doc);
LEDE_API const char *lede_rouge_doc_peer_id(const lede_rouge *r, size_t doc);
LEDE_API lede_status lede_rouge_doc_score(const lede_rouge *r, size_t doc, size_t metric,
                                          lede_rouge_score *out);

/* Peers (systems) after lede_rouge_compute, sorted by ID as the script
 * sorts them; for each, its documents in the script's print order (by the
 * number that starts the Eval ID, else by text) as indices for the doc
 * functions. Out-of-range indices give 0, NULL or (size_t)-1. */
LEDE_API size_t lede_rouge_peer_count(const lede_rouge *r);
LEDE_API const char *lede_rouge_peer_id(const lede_rouge *r, size_t peer);
LEDE_API size_t lede_rouge_peer_doc_count(const lede_rouge *r, size_t peer);
LEDE_API size_t lede_rouge_peer_doc(const lede_rouge *r, size_t peer, size_t k);

/* A peer's overall score on a metric: the script's Average_R/P/F and the
 * confidence bounds, each rounded to 5 decimals (all 0 with
 * LEDE_ROUGE_COUNTS), and the documents' counts summed. */
typedef struct lede_rouge_overall {
    double recall, recall_low, recall_high;
    double precision, precision_low, precision_high;
    double f, f_low, f_high;
    size_t n_docs;
    double model_count, peer_count, hits;
} lede_rouge_overall;

/* Errors: lede_rouge_compute not called since the last add, an index out
 * of range (LEDE_ERR_INVALID_ARGUMENT). */
LEDE_API lede_status lede_rouge_overall_score(const lede_rouge *r, size_t peer, size_t metric,
                                              lede_rouge_overall *out);
/* ====== HTML and XML input ====== */

/* lede reads a saved web page, finds the article in it (dropping navigation,
 * advertisements, comments, related links, footers, scripts and styles) and
 * gives its text as paragraphs, ready for lede_summarizer_run. XML input
 * (news formats, DUC/TAC, JATS, TEI, or any document with an XPath) gives the
 * same kind of document. libxml2 does the parsing; lede never touches the
 * network and never expands external entities. libxml2 is not linked: the
 * first call that reads markup loads it (dlopen, once per process), and when
 * it cannot be loaded every such call fails with LEDE_ERR_DEPENDENCY. */

/* Settings for extraction. A lede_extract_options is not thread-safe while
 * being modified; read-only use from several threads is fine. */
typedef struct lede_extract_options lede_extract_options;

/* New extraction options with the defaults documented at each setter;
 * NULL when out of memory. */
LEDE_API lede_extract_options *lede_extract_options_new(void);

/* Frees extraction options. Accepts NULL. */
LEDE_API void lede_extract_options_free(lede_extract_options *opts);

/* The encoding of the page's bytes ("windows-1251", "Shift_JIS", ...),
 * overriding detection; NULL or "" restores detection (the default: a byte
 * order mark, then <meta charset> or an http-equiv Content-Type, then UTF-8
 * with each invalid byte read as Windows-1252). The name is checked when a
 * page is read; the string is copied. Errors: LEDE_ERR_INVALID_ARGUMENT for a
 * name longer than 63 bytes. */
LEDE_API lede_status lede_extract_options_set_encoding(lede_extract_options *opts,
                                                       const char *encoding);

/* Limits against hostile pages. max_bytes: the largest input accepted
 * (default 256 MiB, at most INT_MAX). max_nodes: the most elements and text
 * nodes a page may have (default 2,000,000). Beyond either the call fails with
 * LEDE_ERR_TOO_LARGE. max_depth: elements nested deeper than this (default
 * 512) are read as siblings at that depth, as browsers do; their text is kept
 * (but an XPath that selects an element at that depth gets none of it: its
 * descendants were read as its siblings). Errors: LEDE_ERR_INVALID_ARGUMENT
 * for a NULL opts, 0, or max_bytes over INT_MAX. (Fixed limits, not options:
 * see LEDE_ERR_TOO_LARGE at lede_extract_html and lede_extract_xml.) */
LEDE_API lede_status lede_extract_options_set_max_bytes(lede_extract_options *opts, size_t n);
LEDE_API lede_status lede_extract_options_set_max_nodes(lede_extract_options *opts, size_t n);
LEDE_API lede_status lede_extract_options_set_max_depth(lede_extract_options *opts, size_t n);

/* Extraction flags, combined with |. */
#define LEDE_EXTRACT_DEFAULT 0u
/* Keep the text of the whole page body (scripts, styles and hidden elements
 * still dropped) instead of looking for the article. */
#define LEDE_EXTRACT_WHOLE_PAGE (1u << 0)

/* Sets the extraction flags (default LEDE_EXTRACT_DEFAULT). Errors:
 * LEDE_ERR_INVALID_ARGUMENT for an unknown flag bit or a NULL opts. */
LEDE_API lede_status lede_extract_options_set_flags(lede_extract_options *opts, unsigned flags);

/* An article read from a page: UTF-8 text made of paragraphs separated by a
 * blank line, each paragraph's kind and source line, and the metadata found.
 * Immutable once returned; may be read from several threads. */
typedef struct lede_document lede_document;

/* What a paragraph of an extracted document was in the page. */
#define LEDE_PARA_TEXT 0u       /* a paragraph (<p>, or text in a <div>) */
#define LEDE_PARA_HEADING 1u    /* <h2>..<h6> (and <h1> other than the title) */
#define LEDE_PARA_LIST_ITEM 2u  /* <li>, <dt>, <dd> */
#define LEDE_PARA_QUOTE 3u      /* text in a <blockquote> */
#define LEDE_PARA_PRE 4u        /* <pre>: white space kept as in the page */
#define LEDE_PARA_TABLE_CELL 5u /* <td>, <th>, <caption> */

/* One paragraph of a document. The layout of this struct is part of the ABI
 * of SOVERSION 1 and does not change. */
typedef struct lede_paragraph {
    size_t start;       /* byte span [start, end) in lede_document_text */
    size_t end;
    unsigned kind;      /* LEDE_PARA_* */
    size_t source_line; /* 1-based line of the page where the paragraph's text
                           starts; 0 when unknown */
} lede_paragraph;

/* Extracts the article of the web page in `html` (`len` bytes, any encoding,
 * need not be NUL-terminated). `opts` may be NULL (defaults). On success
 * `*out` receives a document the caller frees with lede_document_free.
 * Errors: LEDE_ERR_EMPTY_INPUT (no bytes, or a page without any text),
 * LEDE_ERR_NO_ARTICLE (the page has text, but nothing that reads as an
 * article: menus, link lists, a form), LEDE_ERR_TOO_LARGE (a limit of `opts`
 * exceeded; or, fixed since libxml2's time grows with the square of a start
 * tag's attributes, a start tag that may have more than 5,000 attributes, or
 * start tags whose attribute counts' squares add up to more than 2^25 plus 8
 * per byte: real pages have a few dozen. The error is at the tag: its
 * position, or, for a page converted from another encoding, whose byte
 * offsets differ from the caller's, its line and column in the message),
 * LEDE_ERR_INVALID_ARGUMENT (an encoding lede cannot decode),
 * LEDE_ERR_DEPENDENCY (libxml2 cannot be loaded), LEDE_ERR_NOMEM.
 * Thread-safe: each call uses its own parser. */
LEDE_API lede_status lede_extract_html(const char *html, size_t len,
                                       const lede_extract_options *opts, lede_document **out,
                                       lede_error **err);

/* Reads the text of an XML document. With `xpath` (an XPath 1.0 expression),
 * the text of each node it selects is read in document order: elements give
 * their text, with a paragraph for each element holding text of its own and
 * for each blank line; attributes and text nodes give their value. Without
 * (NULL), the format is recognised: DUC/TAC and TREC <DOC> files (<HEADLINE>,
 * <TEXT>), NITF, JATS and TEI articles, and XHTML pages (read as HTML);
 * other documents fail with LEDE_ERR_NO_ARTICLE, asking for an XPath.
 * Errors: LEDE_ERR_MARKUP with the position of the first well-formedness error
 * (for one in the text of an entity, its reference's; none when that cannot
 * be known) or for an invalid XPath (an empty one: LEDE_ERR_INVALID_ARGUMENT),
 * LEDE_ERR_EMPTY_INPUT when the selected nodes have
 * no text, LEDE_ERR_TOO_LARGE when entity references expand to more than
 * 16 MiB of text (fixed), and those of lede_extract_html. External entities and DTDs are
 * never loaded. Entities declared in the document are expanded. A reference
 * to an undeclared entity is a well-formedness error (LEDE_ERR_MARKUP), as
 * XML has it, unless the document has an external DTD, which may declare
 * it, and is not standalone="yes": then one that HTML names (&rsquo;) gives
 * its character, and any other reference (an external or unknown entity)
 * stays as written ("&name;").
 * Thread-safe. */
LEDE_API lede_status lede_extract_xml(const char *xml, size_t len, const char *xpath,
                                      const lede_extract_options *opts, lede_document **out,
                                      lede_error **err);

/* Frees a document. Accepts NULL. */
LEDE_API void lede_document_free(lede_document *doc);

/* The extracted text, NUL-terminated, valid UTF-8 without NUL bytes; its
 * length goes to `*len` when len is not NULL. Owned by the document. */
LEDE_API const char *lede_document_text(const lede_document *doc, size_t *len);

/* Metadata, NULL when the page gives none; strings owned by the document.
 *  - title: the article's <h1>, else og:title, else <title>.
 *  - author and date: from the usual <meta> tags (author, article:author,
 *    article:published_time, date, ...) or <time datetime>, as written there.
 *  - language: the <html lang> attribute or a Content-Language / og:locale
 *    meta tag, as written ("en-US").
 *  - encoding: the encoding the page was read in ("UTF-8", "windows-1252"). */
LEDE_API const char *lede_document_title(const lede_document *doc);
LEDE_API const char *lede_document_author(const lede_document *doc);
LEDE_API const char *lede_document_date(const lede_document *doc);
LEDE_API const char *lede_document_language(const lede_document *doc);
LEDE_API const char *lede_document_encoding(const lede_document *doc);

/* Number of paragraphs, and the i-th of them (NULL when i is out of range;
 * valid until the document is freed). */
LEDE_API size_t lede_document_paragraph_count(const lede_document *doc);
LEDE_API const lede_paragraph *lede_document_paragraph(const lede_document *doc, size_t i);

/* The 1-based line of the page where the paragraph holding byte `offset` of
 * the extracted text starts; for an offset between paragraphs, the next
 * paragraph's line. 0 when the offset is past the text or the line is
 * unknown. */
LEDE_API size_t lede_document_source_line(const lede_document *doc, size_t offset);

#ifdef __cplusplus
}
#endif

#endif /* LEDE_H */
