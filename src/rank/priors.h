/* priors.h - what a sentence's place and length say about it, applied on
 * top of any centrality score. */
#ifndef LEDE_RANK_PRIORS_H
#define LEDE_RANK_PRIORS_H

#include <stddef.h>

typedef struct lede_priors {
    double position;      /* >= 0: weight exp(-position * i / n); 0 = off */
    double lead;          /* >= 0: weight 1 + lead * exp(-i / lead_span); 0 = off */
    double lead_span;     /* sentences */
    double length;        /* >= 0: weight exp(-length * ln(words / target)^2); 0 = off */
    double length_target; /* words of the most likely sentence */
    double title;         /* >= 0: weight 1 + title * title_sim[i]; 0 = off */
    const double *title_sim; /* per sentence, its similarity to the title, or NULL */
} lede_priors;

/* Rescales the n scores to [0, 1] (a constant vector becomes all 1), then
 * multiplies each by its priors; `words` gives each sentence's length. With
 * both priors off the scores are left as they are. */
void lede_apply_priors(double *scores, size_t n, const size_t *words, const lede_priors *p);

#endif
