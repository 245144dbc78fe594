package dev.parley.ua.media.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class H264PacketizerTest {
    private static final String SPS = "67 42e01f 8d6808"; // NAL header F=0 NRI=3 type 7, profile 42 e0 level 1f, rest
    private static final String PPS = "68 ce3c80"; // NAL header NRI=3 type 8
    private static final String IDR = "65 888400ff 00112233 44"; // NAL header NRI=3 type 5, 9 bytes of slice

    private static byte[] accessUnit() {
        return Hex.bytes(
                "00000001 09f0" // access unit delimiter (type 9): never sent
                        + "00000001" + SPS
                        + "000001" + PPS // 3-byte start code
                        + "00000001" + IDR);
    }

    @Test
    void parameterSetsGoInOneStapAAndTheSliceAlone() {
        List<byte[]> payloads = new H264Packetizer(1200).packetize(accessUnit());

        assertThat(payloads).hasSize(2);
        assertThat(Hex.of(payloads.get(0)))
                .isEqualTo(Hex.of(Hex.bytes(
                        "78" // STAP-A header: F=0, NRI=3 (the largest), type 24
                                + "0007" + SPS // NALU 1 size 7, the SPS
                                + "0004" + PPS))); // NALU 2 size 4, the PPS
        assertThat(Hex.of(payloads.get(1))).isEqualTo(Hex.of(Hex.bytes(IDR))); // single NAL unit packet
    }

    @Test
    void aNalLargerThanThePayloadSizeIsCutIntoFuA() {
        // 10-byte IDR, payload size 6: 9 bytes after the NAL header in three fragments of 3.
        List<byte[]> payloads = new H264Packetizer(6).packetize(Hex.bytes("00000001" + IDR));

        assertThat(payloads)
                .extracting(Hex::of)
                .containsExactly(
                        Hex.of(Hex.bytes(
                                "7c" // FU indicator: F=0, NRI=3, type 28
                                        + "85" // FU header: S=1, E=0, type 5
                                        + "888400")),
                        Hex.of(Hex.bytes("7c" + "05" /* S=0 E=0 type 5 */ + "ff0011")),
                        Hex.of(Hex.bytes("7c" + "45" /* S=0 E=1 type 5 */ + "223344")));
    }

    @Test
    void roundTripsThroughTheDepacketizer() throws PayloadFormatException {
        byte[] au = accessUnit();
        for (int size : new int[] {3, 5, 6, 16, 1200}) {
            EncodedFrame frame = new H264Depacketizer().depacketize(new H264Packetizer(size).packetize(au));

            assertThat(frame.keyFrame()).isTrue();
            assertThat(Hex.of(frame.data()))
                    .as("payload size %d", size)
                    .isEqualTo(Hex.of(Hex.bytes("00000001" + SPS + "00000001" + PPS + "00000001" + IDR)));
        }
    }

    @Test
    void aNonIdrSliceIsNotAKeyFrame() throws PayloadFormatException {
        byte[] p = Hex.bytes("41 9a0203"); // NRI=2, type 1: non-IDR slice
        EncodedFrame frame = new H264Depacketizer().depacketize(List.of(p));

        assertThat(frame.keyFrame()).isFalse();
        assertThat(Hex.of(frame.data())).isEqualTo("00000001419a0203");
    }

    @Test
    void refusesMalformedPayloadsWithWhatWasWrong() {
        H264Depacketizer d = new H264Depacketizer();

        assertThatThrownBy(() -> d.depacketize(List.of(Hex.bytes("7c05aa")))) // FU-A middle, no start
                .isInstanceOf(PayloadFormatException.class)
                .hasMessageContaining("without a start");
        assertThatThrownBy(() -> d.depacketize(List.of(Hex.bytes("7c85aa"), Hex.bytes("4101")))) // start, then a slice
                .hasMessageContaining("without its E bit");
        assertThatThrownBy(() -> d.depacketize(List.of(Hex.bytes("7c85aa")))) // start, never ended
                .hasMessageContaining("no E bit");
        assertThatThrownBy(() -> d.depacketize(List.of(Hex.bytes("78 0009 6742e0")))) // STAP-A says 9 bytes, has 3
                .hasMessageContaining("STAP-A NAL unit of 9 bytes at byte 3, 3 left");
        assertThatThrownBy(() -> d.depacketize(List.of(Hex.bytes("78 00")))) // size field cut
                .hasMessageContaining("truncated");
        assertThatThrownBy(() -> d.depacketize(List.of(Hex.bytes("79 0000 0001 41")))) // STAP-B (type 25)
                .hasMessageContaining("type 25 is not used");
        assertThatThrownBy(() -> d.depacketize(List.of(Hex.bytes("e1 00")))) // forbidden_zero_bit set
                .hasMessageContaining("forbidden_zero_bit");
        assertThatThrownBy(() -> d.depacketize(List.of(new byte[0]))).hasMessageContaining("empty");
    }

    @Test
    void onlyAFuAContinuationCannotStartAFrame() {
        H264Depacketizer d = new H264Depacketizer();

        assertThat(d.canStartFrame(Hex.bytes("7c85aa"))).isTrue(); // FU-A with S=1
        assertThat(d.canStartFrame(Hex.bytes("7c05aa"))).isFalse(); // FU-A with S=0
        assertThat(d.canStartFrame(Hex.bytes("780001 67"))).isTrue(); // STAP-A
        assertThat(d.canStartFrame(new byte[0])).isFalse();
    }
}
