/* rouge_bench.c - how fast lede scores ROUGE the way papers report it.
 *
 * Generates PAIRS news-sized pairs (a 3-sentence candidate, two references
 * of 2-4 sentences, 15-32 words a sentence, drawn from a Zipf vocabulary
 * with inflected forms, numbers, capitals and punctuation, the references
 * sharing much of the candidate's wording as real ones do) from a fixed
 * seed, then scores them with the script's flags
 *   -c 95 -2 4 -U -r 1000 -n 4 -w 1.2 -a -m
 * and reports, as the median of RUNS runs, the time to score every pair
 * (tokenize, stem, ROUGE-1..4, L, W-1.2, S4, SU4 per pair) and the time of
 * the bootstrap (1000 resamples over all pairs and metrics).
 *
 * Usage: rouge_bench [PAIRS (default 10000)] [RUNS (default 5)]
 *        rouge_bench --dump N FILE   (write the first N pairs as JSON lines,
 *                                     for timing another implementation)
 * Uses only the public API (lede.h). */
#define _POSIX_C_SOURCE 200809L
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "lede.h"

#define VOCAB 12000
#define MAX_WORDS 32
#define SENT_BYTES 512

static double clock_seconds(clockid_t id)
{
    struct timespec ts;
    clock_gettime(id, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static double now(void)
{
    return clock_seconds(CLOCK_MONOTONIC);
}

/* CPU time of this process: on a shared machine, what the work costs
 * whatever else runs beside it. */
static double cpu_now(void)
{
    return clock_seconds(CLOCK_PROCESS_CPUTIME_ID);
}

/* xorshift64*: a fixed, portable sequence. */
static uint64_t rng_state = 0x9E3779B97F4A7C15ull;

static uint64_t rnd(void)
{
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return rng_state * 2685821657736338717ull;
}

static unsigned below(unsigned n)
{
    return (unsigned)(rnd() % n);
}

static char vocab[VOCAB][24];
static double zipf_cdf[VOCAB];

static void make_vocab(void)
{
    static const char *syll[] = {"ka", "lo", "min", "ter", "sa", "ri", "on", "vel", "dun",
                                 "pra", "es", "tor", "mi", "gan", "ul", "ber", "co", "nat"};
    static const char *suffix[] = {"", "", "", "s", "ed", "ing", "ment", "ness", "er", "ly"};
    double total = 0;
    for (int i = 0; i < VOCAB; i++) {
        char w[24] = "";
        int n = 1 + (i % 3) + (i > 400);
        for (int k = 0; k < n; k++)
            strcat(w, syll[(i * 7 + k * 13 + i / 18) % 18]);
        strcat(w, suffix[(i / 3) % 10]);
        snprintf(vocab[i], sizeof vocab[i], "%s", w);
        total += 1.0 / (i + 1);
        zipf_cdf[i] = total;
    }
    for (int i = 0; i < VOCAB; i++)
        zipf_cdf[i] /= total;
}

static int zipf_word(void)
{
    double u = (double)(rnd() >> 11) * 0x1p-53;
    int lo = 0, hi = VOCAB - 1;
    while (lo < hi) {
        int mid = (lo + hi) / 2;
        if (zipf_cdf[mid] < u)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

typedef struct sentence {
    int words[MAX_WORDS];
    int n;
} sentence;

static void random_sentence(sentence *s)
{
    s->n = 15 + (int)below(MAX_WORDS - 15 + 1);
    for (int i = 0; i < s->n; i++)
        s->words[i] = zipf_word();
}

/* A reference sentence: the source with about a third of its words
 * replaced or dropped and a few moved, as an editor's rewrite. */
static void rewrite(const sentence *src, sentence *out)
{
    out->n = 0;
    for (int i = 0; i < src->n && out->n < MAX_WORDS; i++) {
        unsigned roll = below(100);
        if (roll < 12)
            continue;
        out->words[out->n++] = roll < 35 ? zipf_word() : src->words[i];
    }
    for (int k = 0; k < 2 && out->n > 3; k++) {
        int a = (int)below((unsigned)out->n), b = (int)below((unsigned)out->n);
        int t = out->words[a];
        out->words[a] = out->words[b];
        out->words[b] = t;
    }
}

static void render(const sentence *s, char *buf)
{
    size_t len = 0;
    for (int i = 0; i < s->n; i++) {
        const char *w = vocab[s->words[i]];
        char tmp[48];
        unsigned roll = below(100);
        if (roll < 3)
            snprintf(tmp, sizeof tmp, "%u,%03u", below(90) + 1, below(1000));
        else if (roll < 5)
            snprintf(tmp, sizeof tmp, "$%u.%um", below(90) + 1, below(10));
        else if (i == 0 || roll < 12)
            snprintf(tmp, sizeof tmp, "%c%s", w[0] - 32, w + 1);
        else
            snprintf(tmp, sizeof tmp, "%s", w);
        len += (size_t)snprintf(buf + len, SENT_BYTES - len, "%s%s%s", i ? " " : "", tmp,
                                roll == 50 ? "," : "");
    }
    snprintf(buf + len, SENT_BYTES - len, ".");
}

typedef struct pair {
    char cand[3][SENT_BYTES];
    char refs[2][4][SENT_BYTES];
    size_t n_ref_sent[2];
} pair;

static void make_pair(pair *p)
{
    sentence src[3], s;
    for (int i = 0; i < 3; i++) {
        random_sentence(&src[i]);
        render(&src[i], p->cand[i]);
    }
    for (int r = 0; r < 2; r++) {
        p->n_ref_sent[r] = 2 + below(3);
        for (size_t k = 0; k < p->n_ref_sent[r]; k++) {
            if (k < 3 && below(4) != 0)
                rewrite(&src[k], &s);
            else
                random_sentence(&s);
            render(&s, p->refs[r][k]);
        }
    }
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static double median(double *v, int n)
{
    qsort(v, (size_t)n, sizeof *v, cmp_double);
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static char *const bench_flags[] = {"-c", "95", "-2", "4",   "-U", "-r", "1000",
                                    "-n", "4",  "-w", "1.2", "-a", "-m"};

/* One timed run: returns 0 and the two times, or -1 after a message. */
static int run(const pair *pairs, size_t n, double *score_s, double *boot_s, double *cpu_s,
               double *check)
{
    lede_rouge_options *opts = lede_rouge_options_new();
    lede_error *err = NULL;
    if (!opts || lede_rouge_options_parse(opts, (int)(sizeof bench_flags / sizeof bench_flags[0]),
                                          bench_flags, NULL, &err) != LEDE_OK) {
        fprintf(stderr, "rouge_bench: %s\n", err ? lede_error_message(err) : "no memory");
        return -1;
    }
    lede_rouge *r = NULL;
    if (lede_rouge_new(opts, &r, &err) != LEDE_OK) {
        fprintf(stderr, "rouge_bench: %s\n", lede_error_message(err));
        return -1;
    }
    lede_rouge_options_free(opts);
    double c0 = cpu_now();
    double t0 = now();
    for (size_t i = 0; i < n; i++) {
        const pair *p = &pairs[i];
        const char *cand[3] = {p->cand[0], p->cand[1], p->cand[2]};
        const char *refs[2][4];
        lede_rouge_text ref_texts[2];
        for (int k = 0; k < 2; k++) {
            for (size_t s = 0; s < p->n_ref_sent[k]; s++)
                refs[k][s] = p->refs[k][s];
            ref_texts[k] = (lede_rouge_text){refs[k], NULL, p->n_ref_sent[k]};
        }
        lede_rouge_text cand_text = {cand, NULL, 3};
        if (lede_rouge_add(r, NULL, NULL, &cand_text, ref_texts, 2, &err) != LEDE_OK) {
            fprintf(stderr, "rouge_bench: pair %zu: %s\n", i, lede_error_message(err));
            return -1;
        }
    }
    double t1 = now();
    if (lede_rouge_compute(r, &err) != LEDE_OK) {
        fprintf(stderr, "rouge_bench: %s\n", lede_error_message(err));
        return -1;
    }
    double t2 = now();
    *cpu_s = cpu_now() - c0;
    lede_rouge_overall o;
    for (size_t m = 0; m < lede_rouge_metric_count(r); m++) {
        lede_rouge_overall_score(r, 0, m, &o);
        check[m] = o.f;
    }
    lede_rouge_free(r);
    *score_s = t1 - t0;
    *boot_s = t2 - t1;
    return 0;
}

static void json_string(FILE *f, const char *s)
{
    fputc('"', f);
    for (; *s; s++) {
        if (*s == '"' || *s == '\\')
            fputc('\\', f);
        fputc(*s, f);
    }
    fputc('"', f);
}

static int dump(size_t n, const char *path)
{
    FILE *f = fopen(path, "w");
    if (!f) {
        fprintf(stderr, "rouge_bench: cannot write %s\n", path);
        return 1;
    }
    make_vocab();
    for (size_t i = 0; i < n; i++) {
        pair p;
        make_pair(&p);
        fprintf(f, "{\"id\": \"bench-%zu\", \"candidate\": [", i + 1);
        for (int s = 0; s < 3; s++) {
            fputs(s ? ", " : "", f);
            json_string(f, p.cand[s]);
        }
        fputs("], \"references\": [", f);
        for (int r = 0; r < 2; r++) {
            fputs(r ? ", [" : "[", f);
            for (size_t s = 0; s < p.n_ref_sent[r]; s++) {
                fputs(s ? ", " : "", f);
                json_string(f, p.refs[r][s]);
            }
            fputc(']', f);
        }
        fputs("]}\n", f);
    }
    return fclose(f) == 0 ? 0 : 1;
}

int main(int argc, char **argv)
{
    if (argc == 4 && strcmp(argv[1], "--dump") == 0)
        return dump((size_t)strtoul(argv[2], NULL, 10), argv[3]);
    size_t n = argc > 1 ? (size_t)strtoul(argv[1], NULL, 10) : 10000;
    int runs = argc > 2 ? atoi(argv[2]) : 5;
    if (n == 0 || runs < 1 || runs > 100) {
        fprintf(stderr, "usage: rouge_bench [PAIRS] [RUNS (1-100)]\n");
        return 2;
    }
    make_vocab();
    pair *pairs = malloc(n * sizeof *pairs);
    if (!pairs)
        return 1;
    size_t words = 0;
    for (size_t i = 0; i < n; i++) {
        make_pair(&pairs[i]);
        for (int s = 0; s < 3; s++)
            for (const char *c = pairs[i].cand[s]; *c; c++)
                words += *c == ' ';
    }
    double score[100], boot[100], total[100], cpu[100], check[16] = {0};
    for (int k = 0; k < runs; k++) {
        if (run(pairs, n, &score[k], &boot[k], &cpu[k], check) != 0)
            return 1;
        total[k] = score[k] + boot[k];
    }
    printf("rouge_bench: %zu pairs (3-sentence candidates, ~%zu words; 2 references each)\n", n,
           words / n + 3);
    printf("flags: -c 95 -2 4 -U -r 1000 -n 4 -w 1.2 -a -m; %d runs, medians:\n", runs);
    double ms = median(score, runs), mb = median(boot, runs), mt = median(total, runs);
    printf("  scoring   %.3f s  (%.0f pairs/s)\n", ms, (double)n / ms);
    printf("  bootstrap %.3f s  (1000 resamples x %zu pairs x 8 metrics x R/P/F)\n", mb, n);
    printf("  total     %.3f s  (%.0f pairs/s end to end)\n", mt, (double)n / mt);
    printf("  cpu       %.3f s  (process CPU time of scoring + bootstrap)\n", median(cpu, runs));
    printf("  overall F: ROUGE-1 %.5f  ROUGE-2 %.5f  ROUGE-L %.5f  ROUGE-SU4 %.5f\n", check[0],
           check[1], check[4], check[7]);
    free(pairs);
    return 0;
}
