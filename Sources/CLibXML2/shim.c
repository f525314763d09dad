#include "CLibXML2.h"

#include <libxml/parser.h>
#include <libxml/relaxng.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlreader.h>
#include <libxml/xmlwriter.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct malmoi_xml_writer {
    xmlTextWriterPtr writer;
};

malmoi_xml_writer_t *malmoi_xml_writer_open_fd(int32_t fd, int32_t indent) {
    xmlOutputBufferPtr output = xmlOutputBufferCreateFd(fd, NULL);
    if (output == NULL) return NULL;
    xmlTextWriterPtr writer = xmlNewTextWriter(output);
    if (writer == NULL) {
        xmlOutputBufferClose(output);
        return NULL;
    }
    if (indent > 0) {
        xmlTextWriterSetIndent(writer, 1);
        xmlTextWriterSetIndentString(writer, BAD_CAST " ");
    }
    malmoi_xml_writer_t *handle = (malmoi_xml_writer_t *)calloc(1, sizeof(malmoi_xml_writer_t));
    if (handle == NULL) {
        xmlFreeTextWriter(writer);
        return NULL;
    }
    handle->writer = writer;
    return handle;
}

int32_t malmoi_xml_start_document(malmoi_xml_writer_t *w) {
    return xmlTextWriterStartDocument(w->writer, "1.0", "UTF-8", NULL);
}

int32_t malmoi_xml_start_element(malmoi_xml_writer_t *w, const char *name) {
    return xmlTextWriterStartElement(w->writer, BAD_CAST name);
}

int32_t malmoi_xml_attribute(malmoi_xml_writer_t *w, const char *name, const char *value) {
    return xmlTextWriterWriteAttribute(w->writer, BAD_CAST name, BAD_CAST value);
}

int32_t malmoi_xml_text(malmoi_xml_writer_t *w, const char *text) {
    return xmlTextWriterWriteString(w->writer, BAD_CAST text);
}

int32_t malmoi_xml_end_element(malmoi_xml_writer_t *w) {
    return xmlTextWriterEndElement(w->writer);
}

int32_t malmoi_xml_end_document(malmoi_xml_writer_t *w) {
    return xmlTextWriterEndDocument(w->writer);
}

int32_t malmoi_xml_writer_close(malmoi_xml_writer_t *w) {
    if (w == NULL) return 0;
    int status = xmlTextWriterFlush(w->writer);
    xmlFreeTextWriter(w->writer);
    free(w);
    return status < 0 ? -1 : 0;
}

// Collects libxml2's error messages into a caller's buffer instead of printing them.
typedef struct {
    char *buffer;
    size_t capacity;
    size_t used;
    int count;
} malmoi_error_sink;

static void malmoi_append(malmoi_error_sink *sink, const char *text) {
    if (sink->buffer == NULL || sink->capacity == 0) return;
    size_t length = strlen(text);
    if (sink->used + 1 >= sink->capacity) return;
    size_t room = sink->capacity - sink->used - 1;
    if (length > room) length = room;
    memcpy(sink->buffer + sink->used, text, length);
    sink->used += length;
    sink->buffer[sink->used] = '\0';
}

static void malmoi_structured_error(void *context, const xmlError *error) {
    malmoi_error_sink *sink = (malmoi_error_sink *)context;
    if (sink == NULL || error == NULL) return;
    sink->count += 1;
    if (sink->count > 20) return;
    char line[1024];
    const char *message = error->message ? error->message : "unknown error";
    snprintf(line, sizeof line, "%s:%d: %s", error->file ? error->file : "<xml>", error->line, message);
    size_t length = strlen(line);
    if (length > 0 && line[length - 1] != '\n' && length + 1 < sizeof line) {
        line[length] = '\n';
        line[length + 1] = '\0';
    }
    malmoi_append(sink, line);
}

static void malmoi_generic_error(void *context, const char *format, ...) {
    (void)context;
    (void)format;
}

int32_t malmoi_xml_validate_relaxng(const char *schema_path, const char *document_path, char *message, size_t capacity) {
    malmoi_error_sink sink = {message, capacity, 0, 0};
    if (message != NULL && capacity > 0) message[0] = '\0';
    xmlSetGenericErrorFunc(NULL, malmoi_generic_error);
    xmlSetStructuredErrorFunc(&sink, (xmlStructuredErrorFunc)malmoi_structured_error);

    xmlRelaxNGParserCtxtPtr parser = xmlRelaxNGNewParserCtxt(schema_path);
    if (parser == NULL) {
        xmlSetStructuredErrorFunc(NULL, NULL);
        malmoi_append(&sink, "xmlRelaxNGNewParserCtxt failed\n");
        return -1;
    }
    xmlRelaxNGSetParserStructuredErrors(parser, (xmlStructuredErrorFunc)malmoi_structured_error, &sink);
    xmlRelaxNGPtr schema = xmlRelaxNGParse(parser);
    xmlRelaxNGFreeParserCtxt(parser);
    if (schema == NULL) {
        xmlSetStructuredErrorFunc(NULL, NULL);
        malmoi_append(&sink, "xmlRelaxNGParse failed: the schema cannot be compiled\n");
        return -1;
    }

    int result = 1;
    xmlTextReaderPtr reader = xmlReaderForFile(document_path, NULL, XML_PARSE_NONET);
    if (reader == NULL) {
        malmoi_append(&sink, "xmlReaderForFile failed: cannot open the document\n");
        xmlRelaxNGFree(schema);
        xmlSetStructuredErrorFunc(NULL, NULL);
        return 1;
    }
    xmlTextReaderSetStructuredErrorHandler(reader, (xmlStructuredErrorFunc)malmoi_structured_error, &sink);
    if (xmlTextReaderRelaxNGSetSchema(reader, schema) != 0) {
        malmoi_append(&sink, "xmlTextReaderRelaxNGSetSchema failed\n");
        xmlFreeTextReader(reader);
        xmlRelaxNGFree(schema);
        xmlSetStructuredErrorFunc(NULL, NULL);
        return -1;
    }
    int status;
    while ((status = xmlTextReaderRead(reader)) == 1) {
    }
    if (status == 0 && xmlTextReaderIsValid(reader) == 1 && sink.count == 0) result = 0;
    xmlFreeTextReader(reader);
    xmlRelaxNGFree(schema);
    xmlSetStructuredErrorFunc(NULL, NULL);
    return result;
}
