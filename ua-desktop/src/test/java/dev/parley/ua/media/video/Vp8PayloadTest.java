package dev.parley.ua.media.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class Vp8PayloadTest {
    @Test
    void writesA15BitPictureId() {
        byte[] buf = new byte[4];
        int n = Vp8Descriptor.of(false, true, 0, 0x1234).write(buf, 0);

        assertThat(n).isEqualTo(4);
        assertThat(Hex.of(buf))
                .isEqualTo(
                        "90" // X=1 R=0 N=0 S=1 R=0 PID=0
                                + "80" // I=1 L=0 T=0 K=0
                                + "92" // M=1, PictureID high 7 bits 0x12
                                + "34"); // PictureID low 8 bits
    }

    @Test
    void parsesEveryOptionalField() throws PayloadFormatException {
        Vp8Descriptor d = Vp8Descriptor.parse(
                Hex.bytes(
                        "a3" // X=1 N=1 S=0 PID=3
                                + "f0" // I=1 L=1 T=1 K=1
                                + "7f" // M=0, 7-bit PictureID 127
                                + "05" // TL0PICIDX
                                + "40" // TID=1 Y=0 KEYIDX=0
                                + "ab"), // VP8 payload
                0,
                6);

        assertThat(d).isEqualTo(new Vp8Descriptor(true, false, 3, 127, 7, 5));
    }

    @Test
    void parsesTheShortestDescriptor() throws PayloadFormatException {
        Vp8Descriptor d = Vp8Descriptor.parse(Hex.bytes("10" /* X=0 S=1 PID=0 */ + "9d"), 0, 2);

        assertThat(d).isEqualTo(new Vp8Descriptor(false, true, 0, -1, 0, 1));
        assertThat(d.startsFrame()).isTrue();
    }

    @Test
    void refusesTruncatedDescriptors() {
        assertThatThrownBy(() -> Vp8Descriptor.parse(new byte[0], 0, 0)).hasMessageContaining("needs 1 byte");
        assertThatThrownBy(() -> Vp8Descriptor.parse(Hex.bytes("90"), 0, 1)).hasMessageContaining("extension byte");
        assertThatThrownBy(() -> Vp8Descriptor.parse(Hex.bytes("9080"), 0, 2))
                .hasMessageContaining("PictureID is missing");
        assertThatThrownBy(() -> Vp8Descriptor.parse(Hex.bytes("908092"), 0, 3)).hasMessageContaining("needs 2 bytes");
        assertThatThrownBy(() -> Vp8Descriptor.parse(Hex.bytes("90809234"), 0, 4))
                .hasMessageContaining("no payload");
    }

    @Test
    void packetizesWithOneStartAndASharedPictureId() throws PayloadFormatException {
        byte[] frame = Hex.bytes("50 0200 9d012a 0102030405"); // P=0: key frame, start code 9d 01 2a
        Vp8Packetizer packetizer = new Vp8Packetizer(8, 0x7FFF);
        List<byte[]> payloads = packetizer.packetize(frame);

        assertThat(payloads)
                .extracting(Hex::of)
                .containsExactly(
                        "90" + "80" + "ffff" + "5002009d", // S=1, PictureID 0x7fff, first 4 bytes
                        "80" + "80" + "ffff" + "012a0102", // S=0
                        "80" + "80" + "ffff" + "030405"); // S=0, the rest
        EncodedFrame back = new Vp8Depacketizer().depacketize(payloads);
        assertThat(Hex.of(back.data())).isEqualTo(Hex.of(frame));
        assertThat(back.keyFrame()).isTrue();
        // The next frame's PictureID wraps to 0.
        assertThat(Hex.of(packetizer.packetize(Hex.bytes("51")).get(0))).isEqualTo("9080800051");
    }

    @Test
    void aFrameWithPBitSetIsNotKey() throws PayloadFormatException {
        EncodedFrame f = new Vp8Depacketizer().depacketize(List.of(Hex.bytes("10 31 0100")));

        assertThat(f.keyFrame()).isFalse();
    }

    @Test
    void refusesAFrameThatDoesNotStartWithSAndPidZero() {
        Vp8Depacketizer d = new Vp8Depacketizer();

        assertThatThrownBy(() -> d.depacketize(List.of(Hex.bytes("00 50")))).hasMessageContaining("S=1 and PID=0");
        assertThatThrownBy(() -> d.depacketize(List.of(Hex.bytes("908080 01 50"), Hex.bytes("808080 02 51"))))
                .hasMessageContaining("PictureID 2 in a frame with PictureID 1");
        assertThat(d.canStartFrame(Hex.bytes("11 50"))).isFalse(); // S=1 but PID=1
    }
}
