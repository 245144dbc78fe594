/** ITU-T G.722 wideband (7 kHz) SB-ADPCM at 64 kbit/s: encoder and decoder. */
package dev.parley.media.g722;
