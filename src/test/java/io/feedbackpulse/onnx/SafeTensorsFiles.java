package io.feedbackpulse.onnx;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Writes safetensors files for tests: float32 tensors, or float16 ones given as raw half bits. */
final class SafeTensorsFiles {
  private SafeTensorsFiles() {}

  static byte[] f32(Map<String, SafeTensors.Tensor> tensors) {
    Map<String, long[]> shapes = new LinkedHashMap<>();
    List<byte[]> blobs = new ArrayList<>();
    tensors.forEach((name, t) -> {
      shapes.put(name, t.shape());
      ByteBuffer b = ByteBuffer.allocate(t.values().length * 4).order(ByteOrder.LITTLE_ENDIAN);
      for (float v : t.values()) {
        b.putFloat(v);
      }
      blobs.add(b.array());
    });
    return file(shapes, blobs, "F32");
  }

  static byte[] f16(String name, long[] shape, short... halves) {
    ByteBuffer b = ByteBuffer.allocate(halves.length * 2).order(ByteOrder.LITTLE_ENDIAN);
    for (short h : halves) {
      b.putShort(h);
    }
    return file(Map.of(name, shape), List.of(b.array()), "F16");
  }

  static byte[] file(Map<String, long[]> shapes, List<byte[]> blobs, String dtype) {
    StringBuilder header = new StringBuilder("{\"__metadata__\":{\"format\":\"pt\"}");
    long offset = 0;
    int i = 0;
    for (Map.Entry<String, long[]> e : shapes.entrySet()) {
      long length = blobs.get(i++).length;
      header.append(",\"").append(e.getKey()).append("\":{\"dtype\":\"").append(dtype).append("\",\"shape\":")
          .append(java.util.Arrays.toString(e.getValue()).replace(" ", "")).append(",\"data_offsets\":[")
          .append(offset).append(',').append(offset + length).append("]}");
      offset += length;
    }
    header.append('}');
    byte[] text = header.toString().getBytes(StandardCharsets.UTF_8);
    ByteBuffer out = ByteBuffer.allocate(8 + text.length + (int) offset).order(ByteOrder.LITTLE_ENDIAN);
    out.putLong(text.length).put(text);
    blobs.forEach(out::put);
    return out.array();
  }
}
