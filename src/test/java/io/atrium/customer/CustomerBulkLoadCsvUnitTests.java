package io.atrium.customer;

import java.io.IOException;
import java.io.StringReader;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CustomerBulkLoadCsvUnitTests {

	@Test
	void quotesTextAndWritesNullAsAnEmptyUnquotedField() throws IOException {
		CustomerBulkLoad.Csv csv = new CustomerBulkLoad.Csv(64);
		csv.raw("id").text("say \"hi\", then\nleave").text(null).text("").last("0");

		List<CSVRecord> records = CSVFormat.DEFAULT.parse(new StringReader(csv.toString())).getRecords();

		assertThat(records).hasSize(1);
		assertThat(records.get(0).values()).containsExactly("id", "say \"hi\", then\nleave", "", "", "0");
		assertThat(csv.toString()).contains(",,\"\",0\n");
	}
}
