// C shim over libxml2's streaming writer and RelaxNG validation, for MalmoiExport.
// Only <stdint.h>/<stddef.h> types here: libxml2's headers include ICU's, which clash with the ICU that
// Foundation ships, so they appear only in shim.c.
#ifndef MALMOI_CLIBXML2_H
#define MALMOI_CLIBXML2_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// An open streaming XML writer (libxml2 xmlTextWriter over a file descriptor). Opaque.
typedef struct malmoi_xml_writer malmoi_xml_writer_t;

/// Opens a writer on a file descriptor that stays open after the writer is closed.
/// Returns NULL when libxml2 cannot allocate the writer.
malmoi_xml_writer_t *malmoi_xml_writer_open_fd(int32_t fd, int32_t indent);

/// Writes `<?xml version="1.0" encoding="UTF-8"?>`. Every write returns >= 0 on success, < 0 on failure.
int32_t malmoi_xml_start_document(malmoi_xml_writer_t *writer);
/// Opens an element.
int32_t malmoi_xml_start_element(malmoi_xml_writer_t *writer, const char *name);
/// Writes an attribute of the open element; the value is escaped (including TAB, LF, CR).
int32_t malmoi_xml_attribute(malmoi_xml_writer_t *writer, const char *name, const char *value);
/// Writes escaped character data (CR becomes `&#13;`).
int32_t malmoi_xml_text(malmoi_xml_writer_t *writer, const char *text);
/// Closes the innermost open element.
int32_t malmoi_xml_end_element(malmoi_xml_writer_t *writer);
/// Closes every open element and ends the document.
int32_t malmoi_xml_end_document(malmoi_xml_writer_t *writer);
/// Flushes and frees the writer; returns < 0 when the final flush failed. The writer is freed either way.
int32_t malmoi_xml_writer_close(malmoi_xml_writer_t *writer);

/// Validates the XML file at `document_path` against the RelaxNG schema (XML syntax) at `schema_path`,
/// streaming (the document is never held whole). Returns 0 when valid, 1 when invalid or not well-formed,
/// -1 when the schema cannot be read or compiled. The first errors (`file:line: message`, one per line)
/// are copied into `message` (NUL-terminated, truncated to `capacity`). Nothing is printed.
int32_t malmoi_xml_validate_relaxng(const char *schema_path, const char *document_path, char *message, size_t capacity);

#ifdef __cplusplus
}
#endif

#endif
