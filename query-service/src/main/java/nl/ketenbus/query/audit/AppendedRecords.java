package nl.ketenbus.query.audit;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

/**
 * Chained access records as {@code access_log_append} takes them: a JSON array of objects named by
 * the columns of {@code access_log}. The times are the records' own (already cut to microseconds, as
 * stored), so what the database stores is what the chain's hash covered.
 */
final class AppendedRecords {

    private static final JsonFactory JSON = new JsonFactory();

    /** A record with its place in the chain. */
    record Row(long seq, String previous, String hash, AccessRecord record) {
    }

    private AppendedRecords() {
    }

    static String json(List<Row> rows) {
        StringWriter text = new StringWriter(512 * rows.size());
        try (JsonGenerator json = JSON.createGenerator(text)) {
            json.writeStartArray();
            for (Row row : rows) {
                write(json, row);
            }
            json.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    private static void write(JsonGenerator json, Row row) throws IOException {
        AccessRecord record = row.record();
        json.writeStartObject();
        json.writeNumberField("seq", row.seq());
        json.writeStringField("trace_id", record.traceId());
        json.writeStringField("span_id", record.spanId());
        json.writeStringField("action", record.action());
        json.writeStringField("started_at", record.startedAt().toString());
        json.writeStringField("ended_at", record.endedAt().toString());
        json.writeStringField("status", AccessLog.statusName(record.status()));
        json.writeStringField("processing_activity", record.processingActivity());
        json.writeStringField("subject_ref", record.subjectRef());
        json.writeStringField("subject_ref_type", record.subjectRef() == null ? null : AccessRecord.SUBJECT_TYPE);
        json.writeStringField("user_id", record.userId());
        json.writeStringField("organisation", record.organisation());
        json.writeStringField("user_role", record.role());
        json.writeStringField("purpose", record.purpose());
        texts(json, "case_ids", record.caseIds());
        json.writeStringField("covenant_id", record.covenantId());
        if (record.covenantVersion() == null) {
            json.writeNullField("covenant_version");
        } else {
            json.writeNumberField("covenant_version", record.covenantVersion());
        }
        texts(json, "rule_ids", record.ruleIds());
        json.writeBooleanField("break_glass", record.breakGlass());
        texts(json, "categories_shown", record.categoriesShown());
        json.writeNumberField("entries_shown", record.entriesShown());
        json.writeStringField("detail", record.detail());
        json.writeStringField("prev_hash", row.previous());
        json.writeStringField("hash", row.hash());
        if (record.factTraceIds().isEmpty()) {
            json.writeNullField("fact_trace_ids");
        } else {
            texts(json, "fact_trace_ids", record.factTraceIds());
        }
        json.writeEndObject();
    }

    private static void texts(JsonGenerator json, String field, List<String> values) throws IOException {
        json.writeArrayFieldStart(field);
        for (String value : values) {
            json.writeString(value);
        }
        json.writeEndArray();
    }
}
