//! CRC-64/XZ (the CRC OSS reports in x-oss-hash-crc64ecma) and CRC combination.
