#include "priors.h"

#include <math.h>

void lede_apply_priors(double *scores, size_t n, const size_t *words, const lede_priors *p)
{
    int title = p->title > 0 && p->title_sim;
    if (n == 0 || (p->position <= 0 && p->length <= 0 && p->lead <= 0 && !title))
        return;
    double lo = scores[0], hi = scores[0];
    for (size_t i = 1; i < n; i++) {
        lo = scores[i] < lo ? scores[i] : lo;
        hi = scores[i] > hi ? scores[i] : hi;
    }
    for (size_t i = 0; i < n; i++) {
        /* A small floor keeps the lowest-scored sentence from a zero that
         * no prior could lift. */
        double s = hi > lo ? 0.05 + 0.95 * (scores[i] - lo) / (hi - lo) : 1.0;
        if (p->position > 0)
            s *= exp(-p->position * (double)i / (double)n);
        if (p->lead > 0)
            s *= 1.0 + p->lead * exp(-(double)i / p->lead_span);
        if (title)
            s *= 1.0 + p->title * p->title_sim[i];
        if (p->length > 0) {
            double x = log((words[i] ? (double)words[i] : 0.5) / p->length_target);
            s *= exp(-p->length * x * x);
        }
        scores[i] = s;
    }
}
