package nl.ketenbus.events;

/**
 * A Dutch citizen service number (burgerservicenummer): nine digits passing the 11-check
 * ({@code 9*d1 + 8*d2 + ... + 2*d8 - 1*d9} divisible by 11). Its value is personal data: it never
 * appears in {@link #toString()}, events, topics or logs.
 */
public final class Bsn {

    private final String digits;

    private Bsn(String digits) {
        this.digits = digits;
    }

    /** Parses a BSN; the refusal never repeats the value. */
    public static Bsn parse(String value) {
        if (value == null || !value.matches("\\d{9}") || !passesElevenCheck(value) || value.equals("000000000")) {
            throw new IllegalArgumentException("not a valid BSN (nine digits passing the 11-check)");
        }
        return new Bsn(value);
    }

    public static boolean isValid(String value) {
        try {
            parse(value);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean passesElevenCheck(String value) {
        int sum = 0;
        for (int i = 0; i < 8; i++) {
            sum += (9 - i) * (value.charAt(i) - '0');
        }
        sum -= value.charAt(8) - '0';
        return sum % 11 == 0;
    }

    /** The digits, for pseudonymisation and sealing only. */
    public String digits() {
        return digits;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Bsn bsn && bsn.digits.equals(digits);
    }

    @Override
    public int hashCode() {
        return digits.hashCode();
    }

    @Override
    public String toString() {
        return "Bsn[***]";
    }
}
