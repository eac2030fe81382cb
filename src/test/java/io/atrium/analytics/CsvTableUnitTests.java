package io.atrium.analytics;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class CsvTableUnitTests {

	@ParameterizedTest
	@ValueSource(strings = { "=SUM(A1:A9)", "+1", "-2+3", "@cmd", "\tx", "\rx" })
	void neutralisesCellsAFormulaCouldStartWith(String cell) {
		assertThat(CsvTable.neutralise(cell)).isEqualTo("'" + cell);
	}

	@ParameterizedTest
	@ValueSource(strings = { "Zara", "", "1=1", "a-b", "'quoted" })
	void leavesOtherCellsAlone(String cell) {
		assertThat(CsvTable.neutralise(cell)).isEqualTo(cell);
	}

	@Test
	void writesNumbersAsNumbersAndTextNeutralised() {
		CsvTable table = new CsvTable(List.of("name", "change", "note"),
				List.of(Arrays.asList("=HYPERLINK(\"http://x\")", new BigDecimal("-20.00"), null),
						Arrays.asList("Zara, Shanghai", -3L, "@home")));

		assertThat(table.write()).isEqualTo("name,change,note\r\n\"'=HYPERLINK(\"\"http://x\"\")\",-20.00,\r\n"
				+ "\"Zara, Shanghai\",-3,'@home\r\n");
	}
}
