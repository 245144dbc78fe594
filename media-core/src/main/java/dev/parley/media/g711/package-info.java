/** ITU-T G.711 µ-law and A-law companding, table-driven. */
package dev.parley.media.g711;
