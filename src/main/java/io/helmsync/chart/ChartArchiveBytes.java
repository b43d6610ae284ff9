package io.helmsync.chart;

/**
 * A downloaded chart archive, verified, before it is read.
 *
 * @param fileName {@code name-version.tgz}, for messages
 */
record ChartArchiveBytes(String fileName, byte[] data) {}
