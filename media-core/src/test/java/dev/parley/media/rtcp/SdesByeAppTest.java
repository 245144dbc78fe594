package dev.parley.media.rtcp;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.media.DropReason;
import dev.parley.media.Hex;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SdesByeAppTest {
    static final byte[] SDES = Hex.bytes("""
            82 ca 00 09       // V=2, P=0, SC=2, PT=202 (SDES), length 9 words (40 bytes)
            00 00 04 d2       // chunk 1: SSRC 1234
            01 0c             // CNAME, 12 bytes
            75 73 65 72 40 65 78 61 6d 70 6c 65  // "user@example"
            06 06             // TOOL, 6 bytes
            70 61 72 6c 65 79 // "parley"
            00                // end of items
            00                // padding to a 32-bit boundary
            00 00 16 2e       // chunk 2: SSRC 5678
            01 01 62          // CNAME, 1 byte: "b"
            00                // end of items, already on a 32-bit boundary
            """);

    static final byte[] BYE = Hex.bytes("""
            82 cb 00 04       // V=2, P=0, SC=2, PT=203 (BYE), length 4 words (20 bytes)
            00 00 04 d2       // SSRC 1234
            00 00 16 2e       // SSRC 5678
            04                // reason length 4
            62 79 65 21       // "bye!"
            00 00 00          // zero padding to 32 bits
            """);

    static final byte[] APP = Hex.bytes("""
            85 cc 00 03       // V=2, P=0, subtype 5, PT=204 (APP), length 3 words (16 bytes)
            00 00 04 d2       // SSRC 1234
            50 52 4c 59       // name "PRLY"
            de ad be ef       // application-dependent data
            """);

    @Test
    void walksSdesChunksAndItems() {
        assertThat(RtcpCompound.validateReducedSize(SDES, 0, SDES.length)).isEqualTo(DropReason.NONE);
        SdesCursor sdes = new SdesCursor().reset(SDES, 0);
        assertThat(sdes.nextChunk()).isTrue();
        assertThat(sdes.chunkSsrc()).isEqualTo(1234L);
        assertThat(sdes.nextItem()).isTrue();
        assertThat(sdes.itemType()).isEqualTo(SdesCursor.CNAME);
        assertThat(text(SDES, sdes.itemOffset(), sdes.itemLength())).isEqualTo("user@example");
        assertThat(sdes.nextItem()).isTrue();
        assertThat(sdes.itemType()).isEqualTo(SdesCursor.TOOL);
        assertThat(text(SDES, sdes.itemOffset(), sdes.itemLength())).isEqualTo("parley");
        assertThat(sdes.nextItem()).isFalse();
        assertThat(sdes.nextChunk()).isTrue();
        assertThat(sdes.chunkSsrc()).isEqualTo(5678L);
        assertThat(sdes.nextItem()).isTrue();
        assertThat(text(SDES, sdes.itemOffset(), sdes.itemLength())).isEqualTo("b");
        assertThat(sdes.nextItem()).isFalse();
        assertThat(sdes.nextChunk()).isFalse();
    }

    @Test
    void skippingItemsStillFindsTheNextChunk() {
        SdesCursor sdes = new SdesCursor().reset(SDES, 0);
        assertThat(sdes.nextChunk()).isTrue();
        assertThat(sdes.nextChunk()).isTrue();
        assertThat(sdes.chunkSsrc()).isEqualTo(5678L);
    }

    @Test
    void writesTheSameSdes() {
        byte[] buf = new byte[64];
        byte[] cname = "user@example".getBytes(US_ASCII);
        byte[] tool = "parley".getBytes(US_ASCII);
        int len = new SdesWriter()
                .begin(buf, 0)
                .chunk(1234L)
                .item(SdesCursor.CNAME, cname, 0, cname.length)
                .item(SdesCursor.TOOL, tool, 0, tool.length)
                .chunk(5678L)
                .item(SdesCursor.CNAME, new byte[] {'b'}, 0, 1)
                .finish();
        assertThat(Arrays.copyOf(buf, len)).isEqualTo(SDES);
    }

    @Test
    void readsAndWritesBye() {
        assertThat(RtcpCompound.validateReducedSize(BYE, 0, BYE.length)).isEqualTo(DropReason.NONE);
        assertThat(Bye.sourceCount(BYE, 0)).isEqualTo(2);
        assertThat(Bye.source(BYE, 0, 0)).isEqualTo(1234L);
        assertThat(Bye.source(BYE, 0, 1)).isEqualTo(5678L);
        assertThat(Bye.hasReason(BYE, 0, BYE.length)).isTrue();
        assertThat(text(BYE, Bye.reasonOffset(BYE, 0), Bye.reasonLength(BYE, 0, BYE.length)))
                .isEqualTo("bye!");

        byte[] buf = new byte[32];
        byte[] reason = "bye!".getBytes(US_ASCII);
        int len = Bye.write(buf, 0, new long[] {1234L, 5678L}, 2, reason, 0, reason.length);
        assertThat(Arrays.copyOf(buf, len)).isEqualTo(BYE);
    }

    @Test
    void byeWithoutReason() {
        byte[] bye = Hex.bytes("""
                81 cb 00 01       // V=2, SC=1, PT=203 (BYE), length 1 word (8 bytes)
                00 00 04 d2       // SSRC 1234
                """);
        assertThat(RtcpCompound.validateReducedSize(bye, 0, bye.length)).isEqualTo(DropReason.NONE);
        assertThat(Bye.hasReason(bye, 0, bye.length)).isFalse();
        assertThat(Bye.reasonLength(bye, 0, bye.length)).isZero();
        byte[] buf = new byte[8];
        assertThat(Bye.write(buf, 0, new long[] {1234L}, 1, new byte[0], 0, 0)).isEqualTo(8);
        assertThat(buf).isEqualTo(bye);
    }

    @Test
    void readsAndWritesApp() {
        assertThat(RtcpCompound.validateReducedSize(APP, 0, APP.length)).isEqualTo(DropReason.NONE);
        assertThat(App.subtype(APP, 0)).isEqualTo(5);
        assertThat(App.ssrc(APP, 0)).isEqualTo(1234L);
        assertThat(App.name(APP, 0)).isEqualTo(0x50524c59);
        assertThat(App.dataOffset(0)).isEqualTo(12);
        assertThat(App.dataLength(APP.length)).isEqualTo(4);

        byte[] buf = new byte[16];
        byte[] data = Hex.bytes("de ad be ef");
        assertThat(App.write(buf, 0, 5, 1234L, 0x50524c59, data, 0, 4)).isEqualTo(16);
        assertThat(buf).isEqualTo(APP);
    }

    private static String text(byte[] buf, int off, int len) {
        return new String(buf, off, len, US_ASCII);
    }
}
