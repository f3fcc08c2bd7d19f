/* test_rouge_threads.c - two scorers in two threads at once give exactly the
 * numbers one scorer gives alone: the ROUGE stage keeps no global mutable
 * state (its word tables are constant). */
#define _DEFAULT_SOURCE
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "lede.h"

#define PAIRS 300

typedef struct job {
    int stem;
    double results[PAIRS][3];
    double overall[9];
    int ok;
} job;

static void make_pair(int i, char *cand, char *ref, size_t n)
{
    static const char *words[] = {"council", "approved", "budgets", "on", "Tuesday", "roads",
                                  "repairs", "storm", "hit", "coast", "children", "went",
                                  "agreement", "settlement", "the", "a", "of", "12", "3,400"};
    /* The references inflect differently, so that -m changes the scores. */
    static const char *inflected[] = {"councils", "approves", "budget", "on", "tuesday",
                                      "road", "repair", "storms", "hitting", "coasts", "child",
                                      "go", "agreements", "settled", "the", "a", "of", "12",
                                      "3,400"};
    size_t cl = 0, rl = 0;
    for (int k = 0; k < 20; k++) {
        cl += (size_t)snprintf(cand + cl, n - cl, "%s ", words[(i * 7 + k * 3) % 19]);
        rl += (size_t)snprintf(ref + rl, n - rl, "%s ",
                               inflected[(i * 5 + k * 11 + k * k) % 19]);
    }
}

static void *run(void *arg)
{
    job *j = arg;
    lede_rouge_options *o = lede_rouge_options_new();
    char *argv[] = {"-c", "95", "-2", "4", "-U", "-r", "1000", "-n", "4", "-w", "1.2", "-m"};
    lede_rouge_options_parse(o, j->stem ? 12 : 11, argv, NULL, NULL);
    lede_rouge *r = NULL;
    j->ok = lede_rouge_new(o, &r, NULL) == LEDE_OK;
    for (int i = 0; i < PAIRS && j->ok; i++) {
        char cand[512], ref[512];
        make_pair(i, cand, ref, sizeof cand);
        const char *c[1] = {cand}, *rf[1] = {ref};
        lede_rouge_text ct = {c, NULL, 1}, rt = {rf, NULL, 1};
        j->ok = lede_rouge_add(r, NULL, NULL, &ct, &rt, 1, NULL) == LEDE_OK;
    }
    j->ok = j->ok && lede_rouge_compute(r, NULL) == LEDE_OK;
    size_t m = lede_rouge_metric_find(r, "ROUGE-W-1.2");
    for (int i = 0; i < PAIRS && j->ok; i++) {
        lede_rouge_score s;
        lede_rouge_doc_score(r, (size_t)i, m, &s);
        j->results[i][0] = s.recall;
        j->results[i][1] = s.precision;
        j->results[i][2] = s.f;
    }
    lede_rouge_overall ov;
    if (j->ok && lede_rouge_overall_score(r, 0, m, &ov) == LEDE_OK) {
        double v[9] = {ov.recall, ov.recall_low, ov.recall_high, ov.precision, ov.precision_low,
                       ov.precision_high, ov.f, ov.f_low, ov.f_high};
        memcpy(j->overall, v, sizeof v);
    }
    lede_rouge_free(r);
    lede_rouge_options_free(o);
    return NULL;
}

int main(void)
{
    static job alone[2], together[4];
    for (int k = 0; k < 2; k++) {
        alone[k].stem = k;
        run(&alone[k]);
        CHECK(alone[k].ok);
    }
    pthread_t t[4];
    for (int k = 0; k < 4; k++) {
        together[k].stem = k % 2;
        CHECK(pthread_create(&t[k], NULL, run, &together[k]) == 0);
    }
    for (int k = 0; k < 4; k++)
        pthread_join(t[k], NULL);
    for (int k = 0; k < 4; k++) {
        CHECK(together[k].ok);
        CHECK_MSG(memcmp(together[k].results, alone[k % 2].results, sizeof alone[0].results) == 0,
                  "thread %d: per-document scores differ from a lone run", k);
        CHECK_MSG(memcmp(together[k].overall, alone[k % 2].overall, sizeof alone[0].overall) == 0,
                  "thread %d: overall scores differ from a lone run", k);
    }
    /* Stemming changes the numbers, so the comparison above compares something. */
    CHECK(memcmp(alone[0].results, alone[1].results, sizeof alone[0].results) != 0);
    return harness_finish();
}
