package io.atrium.analytics;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * A table written as CSV for spreadsheets, with every cell that a spreadsheet would read as a formula
 * (beginning with {@code = + - @}, tab or carriage return) neutralised by a leading apostrophe. Numbers are
 * written as numbers (a negative change stays {@code -3}, being a number, not text).
 *
 * @param header column names
 * @param rows cells; {@code null} is written as an empty cell
 */
record CsvTable(List<String> header, List<List<Object>> rows) {

	String write() {
		StringWriter out = new StringWriter();
		try (CSVPrinter printer = new CSVPrinter(out, CSVFormat.RFC4180)) {
			printer.printRecord(header.stream().map(CsvTable::neutralise).toList());
			for (List<Object> row : rows) {
				List<String> cells = new ArrayList<>();
				for (Object cell : row) {
					cells.add(cell == null ? "" : cell instanceof Number ? number((Number) cell) : neutralise(cell.toString()));
				}
				printer.printRecord(cells);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return out.toString();
	}

	static String neutralise(String cell) {
		if (cell.isEmpty()) {
			return cell;
		}
		char first = cell.charAt(0);
		return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r'
				? "'" + cell : cell;
	}

	private static String number(Number number) {
		return number instanceof java.math.BigDecimal ? ((java.math.BigDecimal) number).toPlainString() : number.toString();
	}
}
