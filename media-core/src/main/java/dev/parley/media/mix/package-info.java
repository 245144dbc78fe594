/** Audio mixing for conferences: N-1 sums with soft clipping. */
package dev.parley.media.mix;
