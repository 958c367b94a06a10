package io.athanor.test.kit.entities;

import io.athanor.orm.annotations.Entity;
import io.athanor.orm.annotations.Id;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.UUID;

/** Every contract type, primitive and boxed, with an application-assigned UUID key. */
@Entity(table = "kit_gadget")
public class KitGadget {
    /** Stored by name. */
    public enum Kind { SMALL, LARGE }

    @Id
    public UUID id;
    public boolean flag;
    public Boolean maybe;
    public int count;
    public Integer optionalCount;
    public long big;
    public Long optionalBig;
    public double ratio;
    public Double optionalRatio;
    public BigDecimal price;
    public String label;
    public byte[] data;
    public LocalDate day;
    public LocalDateTime moment;
    public Instant stamp;
    public UUID ref;
    public Kind kind;

    public KitGadget() {
    }
}
