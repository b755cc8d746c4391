package io.feedbackpulse.inference;

import static io.feedbackpulse.testing.ModelVersions.TINY_ROBERTA;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ZooModel;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Contract test of the tiny RoBERTa fixture (made by scripts/make-tiny-roberta.py): DJL's Hugging
 * Face tokenizer must reproduce the script's byte-level BPE ids, and ONNX Runtime (through DJL)
 * must reproduce the PyTorch logits, alone and in a padded batch. Uses DJL directly.
 */
class TinyRobertaFixtureTest {


    private record Case(String text, List<String> tokens, long[] ids, float[] logits) {}

    private static int maxLength;
    private static long padId;
    private static List<Case> cases;
    private static ZooModel<NDList, NDList> model;

    @BeforeAll
    static void load() throws Exception {
        JsonNode expected = new ObjectMapper().readTree(TINY_ROBERTA.resolve("expected.json").toFile());
        maxLength = expected.get("max_length").asInt();
        padId = expected.get("pad_token_id").asLong();
        cases = new ArrayList<>();
        for (JsonNode c : expected.get("cases")) {
            List<String> tokens = new ArrayList<>();
            c.get("tokens").forEach(t -> tokens.add(t.asText()));
            long[] ids = new long[c.get("ids").size()];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = c.get("ids").get(i).asLong();
            }
            float[] logits = new float[c.get("logits").size()];
            for (int i = 0; i < logits.length; i++) {
                logits[i] = (float) c.get("logits").get(i).asDouble();
            }
            cases.add(new Case(c.get("text").asText(), tokens, ids, logits));
        }
        assertThat(cases).hasSizeGreaterThanOrEqualTo(6);
        assertThat(cases).anyMatch(c -> c.ids().length > maxLength);

        model = Criteria.builder()
                .setTypes(NDList.class, NDList.class)
                .optModelPath(TINY_ROBERTA)
                .optEngine("OnnxRuntime")
                .build()
                .loadModel();
    }

    @AfterAll
    static void close() {
        if (model != null) {
            model.close();
        }
    }

    @Test
    void tokenizerReproducesTheScriptsByteLevelBpe() throws Exception {
        // A non-null options map still defaults to truncation LONGEST_FIRST at 512 and padding
        // LONGEST, so both are switched off explicitly.
        Map<String, String> options =
                Map.of("addSpecialTokens", "true", "truncation", "false", "padding", "false");
        try (HuggingFaceTokenizer tokenizer = HuggingFaceTokenizer.newInstance(TINY_ROBERTA, options)) {
            for (Case c : cases) {
                Encoding encoding = tokenizer.encode(c.text());
                assertThat(encoding.getIds()).as("ids of %s", c.text()).containsExactly(c.ids());
                assertThat(encoding.getTokens()).as("tokens of %s", c.text()).containsExactlyElementsOf(c.tokens());
                assertThat(encoding.exceedMaxLength()).isFalse();

                long[] special = new long[c.ids().length];
                special[0] = 1;
                special[special.length - 1] = 1;
                assertThat(encoding.getSpecialTokenMask()).as("special mask of %s", c.text()).containsExactly(special);
                assertThat(encoding.getAttentionMask()).containsOnly(1L);
                assertThat(encoding.getTypeIds()).containsOnly(0L);
            }
        }
    }

    @Test
    void graphDeclaresHuggingFaceInputNames() {
        assertThat(model.describeInput().keys()).containsExactly("input_ids", "attention_mask");
    }

    @Test
    void onnxRuntimeLogitsMatchTorchForEachTextAlone() {
        for (Case c : cases) {
            float[] logits = run(List.of(window(c.ids())))[0];
            assertThat(logits).as("logits of %s", c.text()).containsExactly(c.logits(), within(1e-4f));
        }
    }

    @Test
    void paddedBatchRowsMatchTheTextsAlone() {
        List<long[]> windows = cases.stream().map(c -> window(c.ids())).toList();
        float[][] batch = run(windows);
        assertThat(batch.length).isEqualTo(cases.size());
        for (int i = 0; i < cases.size(); i++) {
            float[] alone = run(List.of(windows.get(i)))[0];
            assertThat(batch[i]).as("row %d: %s", i, cases.get(i).text()).containsExactly(alone, within(1e-5f));
            assertThat(batch[i]).containsExactly(cases.get(i).logits(), within(1e-4f));
        }
    }

    /** First window: {@code <s>} + first maxLength-2 body tokens + {@code </s>}. */
    private static long[] window(long[] ids) {
        if (ids.length <= maxLength) {
            return ids;
        }
        long[] w = Arrays.copyOf(ids, maxLength);
        w[maxLength - 1] = ids[ids.length - 1];
        return w;
    }

    /** Runs right-padded rows (pad id, attention mask 0) as one batch; returns logits per row. */
    private static float[][] run(List<long[]> rows) {
        int len = rows.stream().mapToInt(r -> r.length).max().orElseThrow();
        long[][] inputIds = new long[rows.size()][len];
        long[][] attentionMask = new long[rows.size()][len];
        for (int i = 0; i < rows.size(); i++) {
            Arrays.fill(inputIds[i], padId);
            long[] row = rows.get(i);
            System.arraycopy(row, 0, inputIds[i], 0, row.length);
            Arrays.fill(attentionMask[i], 0, row.length, 1L);
        }
        try (NDManager manager = model.getNDManager().newSubManager();
                Predictor<NDList, NDList> predictor = model.newPredictor()) {
            NDArray ids = manager.create(inputIds);
            ids.setName("input_ids"); // OrtSymbolBlock binds named arrays by name, unnamed ones by position
            NDArray mask = manager.create(attentionMask);
            mask.setName("attention_mask");
            // pass them in reverse order on purpose: the names, not the positions, must bind
            NDList out = predictor.predict(new NDList(mask, ids));
            NDArray logits = out.get("logits");
            assertThat(logits).as("output named logits").isNotNull();
            assertThat(logits.getShape().getShape()).containsExactly(rows.size(), 3);
            float[] flat = logits.toFloatArray();
            float[][] result = new float[rows.size()][3];
            for (int i = 0; i < rows.size(); i++) {
                System.arraycopy(flat, i * 3, result[i], 0, 3);
            }
            return result;
        } catch (ai.djl.translate.TranslateException e) {
            throw new IllegalStateException(e);
        }
    }
}
