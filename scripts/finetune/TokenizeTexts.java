import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Helper for scripts/finetune-default-model.py: tokenizes one text per input line (UTF-8) with DJL's
 * HuggingFaceTokenizer over a tokenizer.json (special tokens added, truncated to maxLength tokens) and writes
 * one line of space-separated token ids per text.
 *
 * <p>Usage: java -cp target/classes:$(cat target/cp.txt) scripts/finetune/TokenizeTexts.java tokenizer.json 128 in.txt out.txt
 */
public class TokenizeTexts {
  public static void main(String[] args) throws Exception {
    Path tokenizerJson = Path.of(args[0]);
    String maxLength = args[1];
    try (HuggingFaceTokenizer tokenizer = HuggingFaceTokenizer.newInstance(tokenizerJson, Map.of(
            "truncation", "true", "maxLength", maxLength, "padding", "false", "addSpecialTokens", "true"));
        BufferedReader in = Files.newBufferedReader(Path.of(args[2]), StandardCharsets.UTF_8);
        BufferedWriter out = Files.newBufferedWriter(Path.of(args[3]), StandardCharsets.UTF_8)) {
      String line;
      while ((line = in.readLine()) != null) {
        Encoding enc = tokenizer.encode(line);
        StringBuilder sb = new StringBuilder();
        for (long id : enc.getIds()) {
          if (sb.length() > 0) sb.append(' ');
          sb.append(id);
        }
        out.write(sb.toString());
        out.newLine();
      }
    }
  }
}
