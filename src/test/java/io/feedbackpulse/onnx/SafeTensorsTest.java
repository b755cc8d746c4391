package io.feedbackpulse.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SafeTensorsTest {

  @Test
  void widensHalfPrecisionExactly() {
    assertThat(SafeTensors.halfToFloat((short) 0x3c00)).isEqualTo(1.0f);
    assertThat(SafeTensors.halfToFloat((short) 0xc000)).isEqualTo(-2.0f);
    assertThat(SafeTensors.halfToFloat((short) 0x3555)).isEqualTo(0.33325195f);
    assertThat(SafeTensors.halfToFloat((short) 0x7bff)).isEqualTo(65504f);
    assertThat(SafeTensors.halfToFloat((short) 0x0001)).isEqualTo(0x1p-24f);
    assertThat(SafeTensors.halfToFloat((short) 0x83ff)).isEqualTo(-1023 * 0x1p-24f);
    assertThat(SafeTensors.halfToFloat((short) 0x8000)).isEqualTo(-0.0f);
    assertThat(SafeTensors.halfToFloat((short) 0x7c00)).isEqualTo(Float.POSITIVE_INFINITY);
    assertThat(SafeTensors.halfToFloat((short) 0x7e00)).isNaN();
  }

  @Test
  void readsFloat32AndFloat16TensorsWithTheirShapes() {
    byte[] f32 = SafeTensorsFiles.f32(Map.of("w", new SafeTensors.Tensor(new long[] {2, 3},
        new float[] {1, 2, 3, 4, 5, -6.5f})));
    SafeTensors.Tensor w = SafeTensors.read(f32, "a.safetensors").get("w");
    assertThat(w.shape()).containsExactly(2, 3);
    assertThat(w.values()).containsExactly(1, 2, 3, 4, 5, -6.5f);

    byte[] f16 = SafeTensorsFiles.f16("b", new long[] {2}, (short) 0x3c00, (short) 0xc000);
    Map<String, SafeTensors.Tensor> read = SafeTensors.read(f16, "b.safetensors");
    assertThat(read).containsOnlyKeys("b");
    assertThat(read.get("b").values()).containsExactly(1.0f, -2.0f);
  }

  @Test
  void namesTheFileAndTheProblemWhenItIsNotSafetensors() {
    assertThatThrownBy(() -> SafeTensors.read(new byte[] {1, 2}, "w.safetensors"))
        .isInstanceOf(ModelFileException.class).hasMessageContaining("w.safetensors").hasMessageContaining("header");
    byte[] huge = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(1_000_000).array();
    assertThatThrownBy(() -> SafeTensors.read(huge, "w.safetensors"))
        .hasMessageContaining("header length 1000000");
    byte[] notJson = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN).putLong(4).put("{{{{".getBytes()).array();
    assertThatThrownBy(() -> SafeTensors.read(notJson, "w.safetensors")).hasMessageContaining("not JSON");
  }

  @Test
  void refusesOtherDtypesAndByteRangesThatDoNotFit() {
    byte[] ints = SafeTensorsFiles.file(Map.of("i", new long[] {1}), java.util.List.of(new byte[4]), "I32");
    assertThatThrownBy(() -> SafeTensors.read(ints, "w.safetensors"))
        .isInstanceOf(ModelFileException.class).hasMessageContaining("'i' has dtype I32");
    byte[] good = SafeTensorsFiles.f16("h", new long[] {2}, (short) 0, (short) 0);
    byte[] cut = Arrays.copyOf(good, good.length - 1);
    assertThatThrownBy(() -> SafeTensors.read(cut, "w.safetensors")).hasMessageContaining("'h' has byte range");
    byte[] wrongShape = SafeTensorsFiles.f16("h", new long[] {3}, (short) 0, (short) 0);
    assertThatThrownBy(() -> SafeTensors.read(wrongShape, "w.safetensors")).hasMessageContaining("'h' has byte range");
  }
}
