/* config.c - placeholder */
#include "rouge_internal.h"
