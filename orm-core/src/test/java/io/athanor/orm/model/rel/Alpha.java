package io.athanor.orm.model.rel;

import io.athanor.orm.annotations.Column;
import io.athanor.orm.annotations.Entity;
import io.athanor.orm.annotations.Id;
import io.athanor.orm.annotations.ManyToOne;

/** With {@link Beta}: a cycle of NOT NULL references, which no order of INSERTs can write. */
@Entity
public class Alpha {
    @Id
    private Long id;
    @ManyToOne
    @Column(nullable = false)
    private Beta beta;

    public void setBeta(Beta beta) {
        this.beta = beta;
    }
}
