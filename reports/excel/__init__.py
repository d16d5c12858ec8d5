"""Excel (and CSV) reports in the official layout: documents
(`document`), the five builders (`builders`: read-model rows in, a
document out) and the renderers (`xlsx`, `csvfile`). Pure: no database."""
