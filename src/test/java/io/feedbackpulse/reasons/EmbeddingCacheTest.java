package io.feedbackpulse.reasons;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.feedbackpulse.inference.InferenceOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddingCacheTest {
  @TempDir
  Path dir;

  @Test
  void theSameTextsComeFromDiskWithoutTheEncoderAndOthersAreEncoded() throws Exception {
    List<String> texts = List.of("my parcel never arrived", "charged twice");
    EmbeddingCache cache = new EmbeddingCache(dir);
    SentenceEmbedder embedder = SentenceEmbedder.bge(InferenceOptions.DEFAULT);
    List<float[]> first = cache.embed(embedder, texts);
    embedder.close();

    List<float[]> again = new EmbeddingCache(dir).embed(embedder, texts);

    assertThat(again).hasSize(2);
    for (int i = 0; i < 2; i++) {
      assertThat(again.get(i)).containsExactly(first.get(i));
    }
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files).hasSize(1);
    }
    assertThatThrownBy(() -> cache.embed(embedder, List.of("another text"))).as("the closed encoder is asked")
        .isInstanceOf(RuntimeException.class);
  }
}
