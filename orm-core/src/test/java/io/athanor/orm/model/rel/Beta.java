package io.athanor.orm.model.rel;

import io.athanor.orm.annotations.Column;
import io.athanor.orm.annotations.Entity;
import io.athanor.orm.annotations.Id;
import io.athanor.orm.annotations.ManyToOne;

@Entity
public class Beta {
    @Id
    private Long id;
    @ManyToOne
    @Column(nullable = false)
    private Alpha alpha;

    public void setAlpha(Alpha alpha) {
        this.alpha = alpha;
    }
}
