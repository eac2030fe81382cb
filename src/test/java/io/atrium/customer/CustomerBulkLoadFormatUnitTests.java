package io.atrium.customer;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CustomerBulkLoadFormatUnitTests {

	@Test
	void writesPostgresBinaryCopyRows() {
		UUID id = UUID.fromString("00000000-0000-0001-0000-000000000002");
		byte[] rows = new CustomerBulkLoad.BinaryRows(16).row(5)
			.uuid(id)
			.text("é")
			.text(null)
			.date(LocalDate.of(2000, 1, 2))
			.timestamp(Instant.parse("2000-01-01T00:00:01.000002Z"))
			.finish();

		ByteBuffer in = ByteBuffer.wrap(rows);
		byte[] signature = new byte[11];
		in.get(signature);
		assertThat(new String(signature, 0, 5)).isEqualTo("PGCOP");
		assertThat(Arrays.copyOfRange(signature, 5, 11)).containsExactly('Y', '\n', 0xFF, '\r', '\n', 0);
		assertThat(in.getInt()).isZero();
		assertThat(in.getInt()).isZero();
		assertThat(in.getShort()).isEqualTo((short) 5);
		assertThat(in.getInt()).isEqualTo(16);
		assertThat(in.getLong()).isEqualTo(1L);
		assertThat(in.getLong()).isEqualTo(2L);
		assertThat(in.getInt()).isEqualTo(2);
		assertThat(new byte[] { in.get(), in.get() }).containsExactly(0xC3, 0xA9);
		assertThat(in.getInt()).isEqualTo(-1);
		assertThat(in.getInt()).isEqualTo(4);
		assertThat(in.getInt()).isEqualTo(1);
		assertThat(in.getInt()).isEqualTo(8);
		assertThat(in.getLong()).isEqualTo(1_000_002L);
		assertThat(in.getShort()).isEqualTo((short) -1);
		assertThat(in.hasRemaining()).isFalse();
	}
}
