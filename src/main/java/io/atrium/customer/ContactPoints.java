package io.atrium.customer;

/**
 * Where a customer can be reached: the decrypted primary email and phone. Personal data: hold it only as
 * long as a delivery needs it and never log it.
 *
 * @param email the primary email, or {@code null}
 * @param phone the primary phone in normalised form (e.g. {@code +8613800138000}), or {@code null}
 */
public record ContactPoints(String email, String phone) {

	@Override
	public String toString() {
		return "ContactPoints[email=" + (email == null ? "none" : "***") + ", phone="
				+ (phone == null ? "none" : "***") + "]";
	}
}
